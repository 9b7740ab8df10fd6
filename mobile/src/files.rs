//! Files the partner saves or opens: `data:` links for saving, and reading a chosen file in the
//! page (every platform's web view has the browser's file reader; Dioxus 0.7's own file events
//! bring no contents over liveview or on phones).

use dioxus::prelude::*;

/// The largest file the app reads (a sealed backup of years of use is a few MiB).
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// A `data:` URL holding `text` as a file of type `mime`, for an `<a download>` link.
pub fn data_url(mime: &str, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 40);
    out.push_str("data:");
    out.push_str(mime);
    out.push_str(";charset=utf-8,");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// What reading a chosen file gave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ChosenFile {
    /// The file's name.
    pub name: String,
    /// Its text, or why it couldn't be read.
    #[serde(flatten)]
    pub content: FileContent,
}

/// A chosen file's text, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileContent {
    /// The file's text.
    Text(String),
    /// Why it wasn't read.
    Error(String),
}

/// Read each file chosen in the `<input type="file">` with id `input_id`, calling `on_file` with
/// its text. Mount once per input (from a `use_future`).
pub async fn read_chosen_files(input_id: &str, mut on_file: impl FnMut(ChosenFile)) {
    let script = format!(
        r#"
const input = document.getElementById({id});
if (input) {{
  input.addEventListener("change", async () => {{
    const file = input.files && input.files[0];
    if (!file) return;
    if (file.size > {max}) {{
      dioxus.send({{ name: file.name, error: "it is larger than any Mend backup" }});
    }} else {{
      try {{ dioxus.send({{ name: file.name, text: await file.text() }}); }}
      catch (e) {{ dioxus.send({{ name: file.name, error: "it couldn't be read" }}); }}
    }}
    input.value = "";
  }});
}}
await new Promise(() => {{}});
"#,
        id = serde_json::Value::from(input_id),
        max = MAX_FILE_BYTES,
    );
    let mut reader = document::eval(&script);
    while let Ok(file) = reader.recv::<ChosenFile>().await {
        on_file(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_url_escapes_everything_but_unreserved_characters() {
        assert_eq!(
            data_url("application/json", "{\"a\": 1}"),
            "data:application/json;charset=utf-8,%7B%22a%22%3A%201%7D"
        );
    }
}
