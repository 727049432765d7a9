<section class="card">
  <p><a href="/optouts">&larr; Opt-outs</a><?cs if:Lead.Conversation ?> · <a href="/conversations/<?cs var:Lead.Conversation ?>">Conversation</a><?cs /if ?></p>
  <h1>Consent history: <?cs if:Lead.Name ?><?cs var:Lead.Name ?><?cs else ?><?cs var:Lead.Phone ?><?cs /if ?></h1>
  <p><?cs var:Lead.Phone ?> · <?cs if:Lead.OptedOut == "1" ?><strong>opted out now</strong><?cs else ?>can be texted now<?cs /if ?></p>
  <?cs if:subcount(Ledger) == 0 ?><p class="empty">No opt-out or opt-in recorded.</p><?cs else ?>
  <table class="list">
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Word</th><th scope="col">Recorded by</th><th scope="col">Number texted</th></tr></thead>
    <tbody>
    <?cs each:g = Ledger ?>
    <tr>
      <td><time title="<?cs var:g.At.Full ?>"><?cs var:g.At ?></time></td>
      <td><?cs if:g.Action == "opt_out" ?>Opted out<?cs else ?>Opted back in<?cs /if ?></td>
      <td><?cs var:g.Keyword ?><?cs if:g.Note ?> <span class="muted">(<?cs var:g.Note ?>)</span><?cs /if ?></td>
      <td><?cs if:g.Source == "staff" ?><?cs var:g.By ?><?cs elif:g.Source == "inbound" ?>the lead's text<?cs else ?>the provider<?cs /if ?></td>
      <td><?cs var:g.Number ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
