//! The summary as Markdown, with every piece of text escaped so it reads as written.

use super::build::long_day;
use super::document::{Block, CounselorSummary};
use std::fmt::Write;

impl CounselorSummary {
    /// The summary as CommonMark text. Everything a partner wrote is escaped, so it can't turn
    /// into headings, links, lists or HTML when the Markdown is rendered.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", inline(&self.title));
        for section in &self.sections {
            let _ = writeln!(out, "## {}\n", inline(&section.heading));
            for block in &section.blocks {
                match block {
                    Block::Paragraph(text) => {
                        let _ = writeln!(out, "{}\n", lines(text));
                    }
                    Block::Table { headers, rows } => {
                        let _ = writeln!(
                            out,
                            "| {} |",
                            headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
                        );
                        let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
                        for row in rows {
                            let _ = writeln!(
                                out,
                                "| {} |",
                                row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                            );
                        }
                        out.push('\n');
                    }
                    Block::Item { title, meta, parts } => {
                        let _ = writeln!(out, "### {}\n", inline(title));
                        let _ = writeln!(out, "*{}*\n", inline(meta));
                        for (label, text) in parts {
                            if !label.is_empty() {
                                let _ = writeln!(out, "**{}:**\n", inline(label));
                            }
                            let _ = writeln!(out, "{}\n", quote(text));
                        }
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "---\n\n*Made with Mend on {}. Chosen and shared by the couple.*",
            inline(&long_day(self.prepared_on))
        );
        out
    }
}

/// A block quote of `text`, each line kept as a hard break; blank lines separate paragraphs.
fn quote(text: &str) -> String {
    let mut out = String::new();
    let all: Vec<&str> = text.lines().collect();
    for (i, l) in all.iter().enumerate() {
        if l.trim().is_empty() {
            out.push('>');
        } else {
            out.push_str("> ");
            out.push_str(&line(l));
            if all.get(i + 1).is_some_and(|next| !next.trim().is_empty()) {
                out.push('\\');
            }
        }
        if i + 1 < all.len() {
            out.push('\n');
        }
    }
    out
}

/// Escape text that stays on one line (headings, labels, table cells): line breaks become spaces.
fn inline(text: &str) -> String {
    escape_chars(&text.replace(['\r', '\n'], " "))
}

/// Escape a table cell: one line, with pipes escaped too.
fn cell(text: &str) -> String {
    inline(text)
}

/// Escape a paragraph, keeping its line breaks as hard breaks.
fn lines(text: &str) -> String {
    text.lines().map(line).collect::<Vec<_>>().join("\\\n")
}

/// Escape one line that starts a block: leading spaces are dropped (they would make a code
/// block), a list marker or a setext underline at its start is escaped, then everything inline.
fn line(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let mut rest = trimmed.chars().skip(digits);
    let (marker, after) = (rest.next(), rest.next());
    let spaced = after.is_none_or(char::is_whitespace);
    let escaped = escape_chars(trimmed);
    match marker {
        Some('-' | '+' | '=') if digits == 0 => format!("\\{escaped}"),
        Some('.' | ')') if digits > 0 && spaced => {
            let (number, tail) = escaped.split_at(digits);
            format!("{number}\\{tail}")
        }
        _ => escaped,
    }
}

/// Backslash-escape every character Markdown treats as syntax inside a line.
fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(line("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(line("# not a heading"), "\\# not a heading");
        assert_eq!(line("- not a list"), "\\- not a list");
        assert_eq!(line("1. not a list"), "1\\. not a list");
        assert_eq!(line("7.0 is a number"), "7.0 is a number");
        assert_eq!(line("-3 degrees"), "\\-3 degrees");
        assert_eq!(line("==="), "\\===");
        assert_eq!(quote("one\ntwo\n\nthree"), "> one\\\n> two\n>\n> three");
        assert_eq!(line("a | b"), "a \\| b");
        assert_eq!(line("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(inline("two\nlines"), "two lines");
    }
}
