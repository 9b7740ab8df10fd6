//! The preview's HTML pages: one phone, or two phones side by side.

/// The page for one phone: a mobile viewport and the liveview glue for its socket.
pub(super) fn phone(name: &str) -> String {
    let glue = dioxus_liveview::interpreter_glue(&format!("/phone/{name}/ws"));
    let label = name.to_uppercase();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>Mend — phone {label}</title>
</head>
<body>
<div id="main"></div>
{glue}
</body>
</html>"#
    )
}

/// Both phones at 390×844, side by side.
pub(super) fn demo(names: &[&str]) -> String {
    let frames: String = names
        .iter()
        .map(|name| {
            let label = name.to_uppercase();
            format!(
                r#"<figure><figcaption>Phone {label}</figcaption><iframe id="phone-{name}" title="Phone {label}" src="/phone/{name}" width="390" height="844"></iframe></figure>"#
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Mend — two phones</title>
<style>
body {{ margin: 0; padding: 16px; font-family: system-ui, sans-serif; background: #d9d6cf; }}
main {{ display: flex; flex-wrap: wrap; gap: 24px; justify-content: center; }}
figure {{ margin: 0; }}
figcaption {{ font-weight: 600; margin-bottom: 6px; }}
iframe {{ border: 1px solid #8a8f91; border-radius: 24px; background: #fff; }}
</style>
</head>
<body>
<main>{frames}</main>
</body>
</html>"#
    )
}
