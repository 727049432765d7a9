<section class="card narrow error">
  <h1><?cs var:Error.Status ?> · <?cs var:Error.Title ?></h1>
  <p><?cs var:Error.Message ?></p>
  <p class="muted">Request id <code><?cs var:Error.RequestId ?></code>: quote it to support if this keeps happening.</p>
  <p><a href="/">Go to the start page</a></p>
</section>
