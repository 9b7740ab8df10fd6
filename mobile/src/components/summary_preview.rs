//! A counselor summary shown on the phone before it goes anywhere: its sections, tables and items
//! as mend-shared built them.

use dioxus::prelude::*;
use mend_shared::summary::{Block, CounselorSummary};

/// The preview of `summary` (`summary-preview`).
#[component]
pub fn SummaryPreview(summary: CounselorSummary) -> Element {
    rsx! {
        article { id: "summary-preview", class: "card summary-preview", "aria-labelledby": "summary-preview-title",
            h2 { id: "summary-preview-title", "{summary.title}" }
            for (i, section) in summary.sections.iter().enumerate() {
                section { key: "{i}", class: "summary-section",
                    h3 { "{section.heading}" }
                    for (j, block) in section.blocks.iter().enumerate() {
                        BlockView { key: "{j}", block: block.clone() }
                    }
                }
            }
        }
    }
}

/// One block of a section.
#[component]
fn BlockView(block: Block) -> Element {
    match block {
        Block::Paragraph(text) => rsx! {
            p { "{text}" }
        },
        Block::Table { headers, rows } => rsx! {
            // Wide tables scroll sideways; focusable so a keyboard can scroll them too (axe-core's
            // scrollable-region-focusable).
            div { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Table, scrolls sideways",
                table {
                    thead {
                        tr {
                            for (i, h) in headers.iter().enumerate() {
                                th { key: "{i}", scope: "col", "{h}" }
                            }
                        }
                    }
                    tbody {
                        for (i, row) in rows.iter().enumerate() {
                            tr { key: "{i}",
                                for (j, cell) in row.iter().enumerate() {
                                    td { key: "{j}", "{cell}" }
                                }
                            }
                        }
                    }
                }
            }
        },
        Block::Item { title, meta, parts } => rsx! {
            div { class: "summary-item",
                h4 { "{title}" }
                p { class: "meta", "{meta}" }
                for (i, (label, text)) in parts.iter().enumerate() {
                    div { key: "{i}",
                        if !label.is_empty() {
                            p { class: "item-label", "{label}" }
                        }
                        p { class: "item-text", "{text}" }
                    }
                }
            }
        },
    }
}
