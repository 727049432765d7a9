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
    <?cs if:!Session.IsStaff ?><a href="/conversations"<?cs if:Page.Section == "conversations" ?> aria-current="page"<?cs /if ?>>Conversations</a>
    <a href="/templates"<?cs if:Page.Section == "templates" ?> aria-current="page"<?cs /if ?>>Templates</a>
    <a href="/optouts"<?cs if:Page.Section == "optouts" ?> aria-current="page"<?cs /if ?>>Opt-outs</a>
    <?cs if:Session.IsManager ?><a href="/dashboard"<?cs if:Page.Section == "dashboard" ?> aria-current="page"<?cs /if ?>>Delivery</a>
    <a href="/settings"<?cs if:Page.Section == "settings" ?> aria-current="page"<?cs /if ?>>Settings</a><?cs /if ?>
    <a href="/tickets"<?cs if:Page.Section == "tickets" ?> aria-current="page"<?cs /if ?>>Support</a><?cs else ?><a href="/tickets?status=open"<?cs if:Page.Section == "tickets" ?> aria-current="page"<?cs /if ?>>Support queue</a><?cs /if ?>
  </nav>
  <div class="who">
    <span><a href="/account" title="Your account"<?cs if:Page.Template == "account.cs" ?> aria-current="page"<?cs /if ?>><?cs var:Session.Name ?></a><?cs if:Session.Business ?> · <?cs var:Session.Business ?><?cs /if ?></span>
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
