//! The journal: private entries marked and kept on this phone, shared entries both partners read,
//! questions from my current step, changing and deleting my own entries, and search.

use crate::support::{Screen, TestPhone, sync};
use mend_shared::guide::{self, StepId};
use mend_shared::ids::EntryId;
use mend_shared::model::{JournalDraft, Visibility};

fn open_journal(phone: &TestPhone) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-journal");
    screen
}

fn write(phone: &TestPhone, visibility: Visibility, title: &str, body: &str) -> EntryId {
    let draft = JournalDraft { title: title.into(), body: body.into(), ..Default::default() };
    phone.phone.edit(|s| s.add_journal_entry(visibility, draft)).unwrap().id
}

#[test]
fn an_empty_journal_says_what_each_list_is_for() {
    let ana = TestPhone::named("Ana");
    let screen = open_journal(&ana);
    let intro = screen.text("journal-intro-title");
    assert_eq!(intro, "Your journal");
    assert!(
        screen.shows(
            "Private entries are never sent to your partner or the relay; they leave this phone only in a backup you export yourself."
        ),
        "honest about backups"
    );
    assert!(!screen.shows("never leave this phone"), "a backup the user exports holds them");
    let private = screen.text("journal-private");
    assert!(private.contains("No private entries yet.") && private.contains("Never synced"), "{private}");
    assert!(private.contains("A backup you export from Settings holds them too"), "{private}");
    assert!(screen.text("journal-shared").contains("No shared entries yet."));
    assert!(!screen.has("journal-search"), "nothing to search yet");
    assert!(screen.has("journal-new"));
}

#[test]
fn a_new_entry_is_private_by_default_marked_so_and_kept_out_of_the_shared_document() {
    let (ana, ben) = (TestPhone::named("Ana"), TestPhone::named("Ben"));
    sync(&ana, &ben);
    let mut screen = open_journal(&ana);
    screen.click("journal-new");
    assert!(screen.tag("journal-visibility-private").contains(r#"aria-pressed="true""#));
    assert_eq!(screen.text("journal-visibility-shared"), "Shared with Ben");
    screen.input("journal-title", "Tuesday");
    screen.input("journal-body", "I still flinch when the phone buzzes.");
    screen.click("journal-save");
    assert!(!screen.has("journal-save"), "the editor closes");

    let entry = ana.with(|s| s.private().journal.iter().next().cloned()).unwrap();
    assert_eq!(entry.body, "I still flinch when the phone buzzes.");
    assert!(ana.with(|s| s.shared().journal.is_empty()), "a private entry never enters the shared document");
    let card = screen.text(&format!("journal-entry-{}", entry.id));
    assert!(card.contains("Tuesday") && card.contains("Private · never synced"), "{card}");
    assert!(screen.text("journal-private").contains("I still flinch"));
    sync(&ana, &ben);
    assert!(!open_journal(&ben).shows("I still flinch"), "Ben never sees it");
}

#[test]
fn a_shared_entry_reaches_my_partner_who_can_read_it_but_not_change_it() {
    let (ana, ben) = (TestPhone::named("Ana"), TestPhone::named("Ben"));
    sync(&ana, &ben);
    let mut screen = open_journal(&ana);
    screen.click("journal-new");
    screen.click("journal-visibility-shared");
    screen.input("journal-body", "Dinner felt easy tonight.");
    screen.click("journal-save");
    let id = ana.with(|s| s.shared().journal.iter().next().map(|e| e.id.clone())).unwrap();
    assert!(screen.text("journal-shared").contains("Dinner felt easy tonight."));
    assert!(!screen.text(&format!("journal-entry-{id}")).contains("never synced"));
    sync(&ana, &ben);

    let screen = open_journal(&ben);
    let card = screen.text(&format!("journal-entry-{id}"));
    assert!(card.contains("Ana") && card.contains("Dinner felt easy tonight."), "{card}");
    assert!(
        !screen.has(&format!("journal-entry-{id}-edit"))
            && !screen.has(&format!("journal-entry-{id}-delete"))
    );
    assert_eq!(screen.text("journal-shared-title"), "Shared with Ana");
}

#[test]
fn an_entry_without_words_is_refused_next_to_the_field_and_nothing_is_saved() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_journal(&ana);
    screen.click("journal-new");
    screen.input("journal-title", "Only a title");
    screen.input("journal-body", "   ");
    screen.click("journal-save");
    assert_eq!(screen.text("journal-body-error"), "the entry can't be empty");
    assert!(screen.tag("journal-body").contains(r#"aria-invalid="true""#));
    assert!(screen.tag("journal-title").contains(r#"value="Only a title""#), "what was typed stays");
    assert!(ana.with(|s| s.private().journal.is_empty() && s.shared().journal.is_empty()));
    screen.click("journal-cancel");
    assert!(screen.has("journal-new"));
}

#[test]
fn my_entry_can_be_changed_and_deleted_after_a_confirmation() {
    let ana = TestPhone::named("Ana");
    let id = write(&ana, Visibility::Private, "Morning", "Woke up hopeful.");
    ana.clock.advance(chrono::Duration::hours(1));
    let mut screen = open_journal(&ana);
    screen.click(&format!("journal-entry-{id}-edit"));
    assert!(screen.tag("journal-body").contains("Woke up hopeful."));
    assert!(screen.shows("Private · never synced"), "the editor says where the entry lives");
    screen.input("journal-body", "Woke up hopeful, then anxious by noon.");
    screen.click("journal-save");
    assert!(screen.text(&format!("journal-entry-{id}")).contains("then anxious by noon"));
    assert!(screen.text(&format!("journal-entry-{id}")).contains("· changed"));

    screen.click(&format!("journal-entry-{id}-delete"));
    assert!(screen.text(&format!("journal-entry-{id}-question")).contains("can't be brought back"));
    screen.click(&format!("journal-entry-{id}-delete-cancel"));
    assert_eq!(ana.with(|s| s.private().journal.len()), 1, "keeping it deletes nothing");
    screen.click(&format!("journal-entry-{id}-delete"));
    screen.click(&format!("journal-entry-{id}-delete-confirm"));
    assert!(ana.with(|s| s.private().journal.is_empty()));
    assert!(!screen.has(&format!("journal-entry-{id}")));
    assert!(screen.text("journal-private").contains("No private entries yet."));
}

#[test]
fn search_finds_entries_by_title_or_words_ignoring_case_in_both_lists() {
    let ana = TestPhone::named("Ana");
    let walk = write(&ana, Visibility::Shared, "The river walk", "We talked for an hour.");
    let calm = write(&ana, Visibility::Private, "Sunday", "A CALM day by the River.");
    let other = write(&ana, Visibility::Private, "Work", "Long meetings.");
    let mut screen = open_journal(&ana);
    screen.input("journal-search", "river");
    assert!(screen.has(&format!("journal-entry-{walk}")), "title match");
    assert!(screen.has(&format!("journal-entry-{calm}")), "body match, other case");
    assert!(!screen.has(&format!("journal-entry-{other}")));
    screen.input("journal-search", "holiday");
    assert_eq!(screen.text("journal-no-results"), "No entries match “holiday”.");
    screen.input("journal-search", "  ");
    assert!(screen.has(&format!("journal-entry-{other}")), "a blank search shows everything");
}

#[test]
fn questions_come_from_my_first_step_not_done_and_an_answer_remembers_its_question() {
    let ana = TestPhone::named("Ana");
    ana.phone.edit(|s| s.set_step_done(StepId::RootCause, true)).unwrap();
    let step = guide::step(StepId::Communication);
    let mut screen = open_journal(&ana);
    assert!(screen.text("journal-prompts").contains(step.title));
    let prompt = step.prompts[0];
    screen.click(&format!("journal-prompt-{}", prompt.id));
    assert_eq!(screen.text("journal-question"), prompt.text);
    screen.input("journal-body", "When I'm interrupted.");
    screen.click("journal-save");
    let entry = ana.with(|s| s.private().journal.iter().next().cloned()).unwrap();
    assert_eq!(entry.prompt.as_deref(), Some(prompt.id));
    assert_eq!(entry.step, Some(StepId::Communication));
    assert!(screen.text(&format!("journal-entry-{}", entry.id)).contains(prompt.text));

    screen.click(&format!("journal-prompt-{}", prompt.id));
    screen.click("journal-prompt-clear");
    assert!(!screen.has("journal-question"), "writing freely drops the question");
}
