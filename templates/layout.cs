<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?>SalesPartner</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">SalesPartner</a>
  <?cs if:Session.Name ?>
  <nav aria-label="Main">
    <?cs if:!Session.IsStaff ?><a href="/conversations"<?cs if:Page.Nav == "conversations" ?> aria-current="page"<?cs /if ?>>Conversations</a>
    <a href="/templates">Templates</a>
    <a href="/optouts">Opt-outs</a>
    <?cs if:Session.IsManager ?><a href="/dashboard">Delivery</a>
    <a href="/settings">Settings</a><?cs /if ?>
    <a href="/tickets">Support</a><?cs else ?><a href="/tickets?status=open">Support queue</a><?cs /if ?>
  </nav>
  <div class="who">
    <span><a href="/account" title="Your account"><?cs var:Session.Name ?></a><?cs if:Session.Business ?> · <?cs var:Session.Business ?><?cs /if ?></span>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <button type="submit" class="link">Sign out</button>
    </form>
  </div>
  <?cs /if ?>
</header>
<main id="main">
<?cs include:Page.Template ?>
</main>
</body>
</html>
