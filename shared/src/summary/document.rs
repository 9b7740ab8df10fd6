//! A counselor summary as a plain document: sections of paragraphs, tables and items, which the
//! Markdown and HTML renderers turn into text. Every string here is treated as untrusted text
//! when rendered, so nothing a partner wrote can become markup.

use crate::time::Day;

/// Which part of the summary a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// Dates, who, and how the summary came to be (always present).
    Overview,
    /// Weekly trust and mood means.
    Trends,
    /// Weekly check-in regularity.
    Regularity,
    /// Weekly promise consistency and each promise's share kept.
    Promises,
    /// The words written with check-ins.
    CheckinWords,
    /// Shared journal entries chosen one by one.
    Journal,
    /// Apologies and their responses.
    Apologies,
    /// Where each partner stands in the guide.
    GuideProgress,
}

/// One part of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// A table with a header row.
    Table {
        /// Column headings.
        headers: Vec<String>,
        /// Rows of cells, as many as there are headings.
        rows: Vec<Vec<String>>,
    },
    /// A titled item with labelled texts (a journal entry, an apology, a day's check-in words).
    Item {
        /// The item's title.
        title: String,
        /// Who and when, in one line.
        meta: String,
        /// Labelled texts; an empty label shows the text alone. Texts may span several lines.
        parts: Vec<(String, String)>,
    },
}

/// One section of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Which part it is.
    pub kind: SectionKind,
    /// Its heading.
    pub heading: String,
    /// Its content, in order.
    pub blocks: Vec<Block>,
}

/// A summary the couple chose to make for a counselor, ready to render as Markdown
/// ([`CounselorSummary::to_markdown`]) or as a printable HTML page ([`CounselorSummary::to_html`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounselorSummary {
    /// The document's title.
    pub title: String,
    /// First day covered.
    pub from: Day,
    /// Last day covered.
    pub to: Day,
    /// The day it was made.
    pub prepared_on: Day,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// Chosen journal entries that were left out because they aren't shared entries written
    /// within the range (a private entry is never found: the summary can't see private data).
    pub left_out_entries: usize,
}

impl CounselorSummary {
    /// The section of a kind, if the summary has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// A file name for this summary with the extension `ext` (`"md"`, `"html"`), e.g.
    /// `mend-summary-2026-04-05-to-2026-05-04.md`.
    pub fn file_name(&self, ext: &str) -> String {
        format!("mend-summary-{}-to-{}.{ext}", self.from, self.to)
    }
}
