<?cs if:Warning.Text ?>
<div class="banner banner-block" role="alert">
  <strong>Delivery warning (likely cause: <?cs var:Warning.Cause ?>)</strong>
  <p><?cs var:Warning.Text ?> <?cs if:Warning.Cause == "registration" ?><a href="/settings/registration">Carrier registration</a><?cs elif:Warning.Cause == "pacing" ?><a href="/settings/numbers">Sending numbers</a><?cs else ?><a href="/dashboard">Delivery</a><?cs /if ?></p>
</div>
<?cs /if ?>
