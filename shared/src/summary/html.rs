//! The summary as a printable, standalone HTML page: inline CSS, no scripts, escaped text.

use super::build::long_day;
use super::document::{Block, CounselorSummary};
use std::fmt::Write;

const STYLE: &str = "\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2328; font: 16px/1.55 Georgia, 'Times New Roman', serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.2rem; }
p { margin: 0.4rem 0; }
.meta { color: #57606a; font-style: italic; margin: 0 0 0.4rem; }
.label { font-weight: bold; margin: 0.5rem 0 0.1rem; }
.text { white-space: pre-wrap; margin: 0 0 0.4rem; padding-left: 0.8rem; border-left: 3px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 2.5rem; color: #57606a; font-size: 0.85rem; border-top: 1px solid #d0d7de; padding-top: 0.6rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, .item { break-inside: avoid; }
  thead { display: table-header-group; }
}
";

impl CounselorSummary {
    /// The summary as one standalone HTML page, ready to print or save as PDF. It carries its
    /// own CSS, loads nothing, runs no script (its content security policy forbids any), and
    /// every piece of text is HTML-escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
            escape(&self.title),
            escape(&self.title)
        );
        for section in &self.sections {
            let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&section.heading));
            for block in &section.blocks {
                match block {
                    Block::Paragraph(text) => {
                        let _ = writeln!(out, "<p>{}</p>", escape(text).replace('\n', "<br>"));
                    }
                    Block::Table { headers, rows } => {
                        out.push_str("<table>\n<thead><tr>");
                        for h in headers {
                            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
                        }
                        out.push_str("</tr></thead>\n<tbody>\n");
                        for row in rows {
                            out.push_str("<tr>");
                            for (i, c) in row.iter().enumerate() {
                                let class = if i > 0 && looks_numeric(c) { " class=\"num\"" } else { "" };
                                let _ = write!(out, "<td{class}>{}</td>", escape(c));
                            }
                            out.push_str("</tr>\n");
                        }
                        out.push_str("</tbody>\n</table>\n");
                    }
                    Block::Item { title, meta, parts } => {
                        let _ = writeln!(
                            out,
                            "<div class=\"item\">\n<h3>{}</h3>\n<p class=\"meta\">{}</p>",
                            escape(title),
                            escape(meta)
                        );
                        for (label, text) in parts {
                            if !label.is_empty() {
                                let _ = writeln!(out, "<p class=\"label\">{}</p>", escape(label));
                            }
                            let _ = writeln!(out, "<p class=\"text\">{}</p>", escape(text));
                        }
                        out.push_str("</div>\n");
                    }
                }
            }
            out.push_str("</section>\n");
        }
        let _ = write!(
            out,
            "<footer>Made with Mend on {}. Chosen and shared by the couple.</footer>\n</main>\n</body>\n</html>\n",
            escape(&long_day(self.prepared_on))
        );
        out
    }
}

/// Escape text for HTML element content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a cell holds a number: "7.0", "80%", "5 of 7", "76% of 21 scheduled" or "—"
/// (right-aligned so columns of numbers line up).
fn looks_numeric(cell: &str) -> bool {
    let mut words = cell.split_whitespace();
    let number = words.next().is_some_and(|w| w.trim_end_matches('%').parse::<f64>().is_ok());
    cell == "—" || (number && words.next().is_none_or(|w| w == "of"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn numbers_but_not_words_that_start_with_one_are_right_aligned() {
        for numeric in ["7.0", "80%", "5 of 7", "76% of 21 scheduled", "—"] {
            assert!(looks_numeric(numeric), "{numeric}");
        }
        for text in ["3 times a week", "every day", "Done", "2nd try"] {
            assert!(!looks_numeric(text), "{text}");
        }
    }
}
