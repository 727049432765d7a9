<section class="card">
  <h1>Support</h1>
  <p>Signed in as <?cs var:Session.Name ?> (<?cs var:Session.Email ?>).</p>
  <p class="muted">Businesses' conversations are visible to support only through the tickets filed to it.</p>
</section>
