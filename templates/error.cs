<section class="card narrow error">
  <h1><?cs var:Error.Status ?> · <?cs var:Error.Title ?></h1>
  <p><?cs var:Error.Message ?></p>
  <p class="muted">Request id <code><?cs var:Error.RequestId ?></code>: quote it to support if this keeps happening.</p>
  <p><?cs if:Error.Back.Href ?><a class="button" href="<?cs var:Error.Back.Href ?>"><?cs var:Error.Back.Label ?></a> <?cs /if ?><a href="/">Go to the start page</a></p>
</section>
