// Material's script after the content (partials/javascripts/content.html in
// Material 9.8.1), served as a file so the site's Content-Security-Policy
// allows no inline script: when the address points at a content tab, open it.
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
