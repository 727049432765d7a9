<section class="templates">
  <p><a href="/conversations/<?cs var:Conversation.Id ?>">&larr; Back to the conversation</a></p>
  <h1>Use a template<?cs if:Lead.Name ?> for <?cs var:Lead.Name ?><?cs /if ?></h1>
  <?cs if:subcount(Templates) == 0 ?><p class="empty">No templates yet: <a href="/templates">write one</a>.</p><?cs else ?>
  <ul class="template-list">
    <?cs each:t = Templates ?>
    <li class="card">
      <h2><?cs var:t.Name ?></h2>
      <p class="msg-detail"><?cs var:t.Filled ?></p>
      <?cs if:subcount(t.Findings) > 0 ?><ul class="findings"><?cs each:f = t.Findings ?><li class="finding finding-warn"><strong>Check:</strong> <?cs var:f ?></li><?cs /each ?></ul><?cs /if ?>
      <p><a class="button" href="/conversations/<?cs var:Conversation.Id ?>?template=<?cs var:t.Id ?>#compose">Use this text</a></p>
    </li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
