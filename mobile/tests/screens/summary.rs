//! The counselor summary: an export the couple chooses to make, with dates, sections and shared
//! journal entries picked one by one — private entries are never offered — previewed, then saved
//! as a Markdown or HTML file, shown as text to copy, or shown as a printable page.

use crate::support::{Screen, TestPhone, sync};
use mend_shared::guide::StepId;
use mend_shared::ids::EntryId;
use mend_shared::model::{JournalDraft, Visibility};

fn write(phone: &TestPhone, visibility: Visibility, title: &str, body: &str) -> EntryId {
    let draft = JournalDraft { title: title.into(), body: body.into(), ..Default::default() };
    phone.phone.edit(|s| s.add_journal_entry(visibility, draft)).unwrap().id
}

/// The summary screen, reached the way a couple would: from the professional-help step.
fn open_summary(phone: &TestPhone) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-guide");
    screen.click(&format!("step-{}", StepId::ProfessionalHelp));
    screen.click("summary-open");
    screen
}

struct Journals {
    ana: TestPhone,
    dinner: EntryId,
    walk: EntryId,
    secret: EntryId,
}

/// Ana and Ben with two shared entries and one of Ana's private ones.
fn journals() -> Journals {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    let dinner = write(&ana, Visibility::Shared, "Dinner", "Dinner felt easy for the first time.");
    let secret = write(&ana, Visibility::Private, "Secret worries", "What if it happens again?");
    let walk = write(&ben, Visibility::Shared, "Walk", "We walked without talking about it.");
    sync(&ana, &ben);
    Journals { ana, dinner, walk, secret }
}

#[test]
fn the_form_starts_with_nothing_chosen_and_never_offers_a_private_entry() {
    let Journals { ana, dinner, walk, secret } = journals();
    let screen = open_summary(&ana);
    assert_eq!(screen.text("top-title-text"), "Counselor summary");
    for id in [&dinner, &walk] {
        let tag = screen.tag(&format!("summary-entry-{id}"));
        assert!(
            tag.contains(r#"type="checkbox""#) && !tag.contains("checked"),
            "offered, not preselected: {tag}"
        );
    }
    assert!(!screen.has(&format!("summary-entry-{secret}")), "a private entry is never offered");
    assert!(!screen.shows("Secret worries") && !screen.shows("What if it happens again?"));
    for section in ["regularity", "trends", "promises", "words", "apologies", "guide"] {
        assert!(
            !screen.tag(&format!("summary-include-{section}")).contains("checked"),
            "{section} starts off"
        );
    }
    assert!(screen.tag("summary-from").contains(r#"value="2026-05-04""#), "from the day we began");
    assert!(screen.tag("summary-to").contains(r#"value="2026-05-04""#));
    assert!(!screen.has("summary-preview"), "nothing is built until asked");
}

#[test]
fn a_chosen_entry_appears_in_the_summary_and_an_unchosen_one_does_not() {
    let Journals { ana, dinner, .. } = journals();
    let mut screen = open_summary(&ana);
    screen.check(&format!("summary-entry-{dinner}"));
    screen.check("summary-include-guide");
    screen.click("summary-build");

    let preview = screen.text("summary-preview");
    assert!(preview.contains("Dinner felt easy for the first time."), "{preview}");
    assert!(!preview.contains("We walked without talking about it."), "not chosen, not there");
    assert!(!preview.contains("What if it happens again?"));
    assert!(preview.contains("The guide, as of"));
    assert!(!preview.contains("Trust and mood, week by week"), "sections not chosen stay out");
    assert!(!preview.contains("Check-ins, week by week"), "check-in regularity too, unless chosen");

    screen.click("summary-show-markdown");
    let markdown = screen.tag("summary-markdown");
    assert!(markdown.contains("readonly"), "{markdown}");
    let markdown = crate::support::screen::unescape(&markdown);
    assert!(markdown.contains("# A summary for our counselor, made with Mend"), "{markdown}");
    assert!(markdown.contains("Dinner felt easy for the first time."));
    assert!(!markdown.contains("We walked without talking about it."));

    let download = screen.tag("summary-download");
    assert!(download.contains(r#"download="mend-summary-2026-05-04-to-2026-05-04.html""#), "{download}");
    assert!(download.contains("href=\"data:text/html;charset=utf-8,%3C%21DOCTYPE%20html%3E"));
    assert!(download.contains("Dinner%20felt%20easy") && !download.contains("We%20walked"));
    let text_file = screen.tag("summary-download-markdown");
    assert!(text_file.contains(r#"download="mend-summary-2026-05-04-to-2026-05-04.md""#), "{text_file}");
    assert!(
        text_file
            .contains("href=\"data:text/markdown;charset=utf-8,%23%20A%20summary%20for%20our%20counselor"),
        "the Markdown itself, as a file: {text_file}"
    );
    assert!(text_file.contains("Dinner%20felt%20easy") && !text_file.contains("We%20walked"));

    screen.click("summary-show-html");
    let page = crate::support::screen::unescape(&screen.tag("summary-html"));
    assert!(page.contains("srcdoc=\"<!DOCTYPE html>"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains("Dinner felt easy for the first time."));
    assert!(
        !page.contains("We walked without talking about it.") && !page.contains("What if it happens again?")
    );
}

#[test]
fn dates_that_cannot_make_a_summary_are_refused_next_to_their_field() {
    let Journals { ana, .. } = journals();
    let mut screen = open_summary(&ana);
    screen.input("summary-to", "2026-05-05");
    screen.click("summary-build");
    assert_eq!(
        screen.text("summary-to-error"),
        "the summary can't end after today (2026-05-04); 2026-05-05 is still to come"
    );
    assert!(screen.tag("summary-to").contains(r#"aria-invalid="true""#));
    screen.input("summary-to", "2026-05-01");
    screen.click("summary-build");
    assert!(screen.text("summary-from-error").contains("is after its last day"));
    screen.input("summary-from", "");
    screen.click("summary-build");
    assert_eq!(screen.text("summary-from-error"), "choose a date");
    assert!(!screen.has("summary-preview"));
}

#[test]
fn changing_a_choice_after_a_preview_asks_for_a_fresh_one() {
    let Journals { ana, walk, .. } = journals();
    let mut screen = open_summary(&ana);
    screen.check("summary-include-trends");
    screen.click("summary-build");
    assert!(screen.text("summary-preview").contains("Trust and mood, week by week"));
    screen.check(&format!("summary-entry-{walk}"));
    assert!(!screen.has("summary-preview"), "the old preview no longer matches the choices");
    screen.click("summary-build");
    assert!(screen.text("summary-preview").contains("We walked without talking about it."));
    screen.uncheck(&format!("summary-entry-{walk}"));
    screen.click("summary-build");
    assert!(!screen.text("summary-preview").contains("We walked without talking about it."));
}

#[test]
fn a_summary_with_nothing_chosen_is_refused_with_a_clear_word_and_regularity_is_a_choice_too() {
    let Journals { ana, .. } = journals();
    let mut screen = open_summary(&ana);
    screen.click("summary-build");
    assert_eq!(screen.text("summary-include-error"), "choose at least one thing to include");
    assert!(!screen.has("summary-preview"));
    screen.check("summary-include-regularity");
    screen.click("summary-build");
    assert!(!screen.has("summary-include-error"), "the message goes once something is chosen");
    let preview = screen.text("summary-preview");
    assert!(
        preview.contains("Check-ins, week by week") && preview.contains("Included: check-in regularity.")
    );
    assert!(!preview.contains("The guide, as of"), "{preview}");
}

#[test]
fn the_form_starts_with_the_last_thirty_days_and_lists_only_entries_from_the_chosen_dates() {
    let ana = TestPhone::named("Ana");
    let early = write(&ana, Visibility::Shared, "Early days", "The first week was hard.");
    ana.advance_days(60);
    let late = write(&ana, Visibility::Shared, "Lately", "Easier now.");
    let screen = open_summary(&ana);
    assert!(screen.tag("summary-from").contains(r#"value="2026-06-04""#), "30 days up to today");
    assert!(screen.tag("summary-to").contains(r#"value="2026-07-03""#));
    assert!(screen.has(&format!("summary-entry-{late}")));
    assert!(!screen.has(&format!("summary-entry-{early}")), "written before these dates");
    let mut screen = screen;
    screen.input("summary-from", "2026-05-04");
    assert!(screen.has(&format!("summary-entry-{early}")), "widening the dates offers it");
    screen.input("summary-to", "2026-05-10");
    assert!(!screen.has(&format!("summary-entry-{late}")));
}
