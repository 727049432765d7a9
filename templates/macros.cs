<?cs def:status_badge(st) ?><span class="status status-<?cs var:st.Class ?>"><?cs var:st.Shown ?></span><?cs if:st.Reason ?> <span class="reason"><?cs var:st.Reason ?></span><?cs /if ?><?cs /def ?>
