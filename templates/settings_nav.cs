<nav class="tabs" aria-label="Settings">
  <a href="/settings"<?cs if:Page.Template == "settings.cs" ?> aria-current="page"<?cs /if ?>>Profile and quiet hours</a>
  <a href="/settings/registration"<?cs if:Page.Template == "settings_registration.cs" ?> aria-current="page"<?cs /if ?>>Carrier registration</a>
  <a href="/settings/numbers"<?cs if:Page.Template == "settings_numbers.cs" ?> aria-current="page"<?cs /if ?>>Sending numbers</a>
  <a href="/settings/team"<?cs if:Page.Template == "settings_team.cs" ?> aria-current="page"<?cs /if ?>>Team</a>
  <a href="/settings/audit"<?cs if:Page.Template == "settings_audit.cs" ?> aria-current="page"<?cs /if ?>>Audit log</a>
</nav>
