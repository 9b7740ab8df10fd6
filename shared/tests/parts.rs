//! Each partner's part: chosen privately, shared only by its owner's one toggle, worded into
//! every step of the guide, and never a reason to lose or hide anything already written.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use mend_shared::guide::{self, NEED_TO_HEAR_PROMPT, StepId, steps};
use mend_shared::model::{ApologyLead, ModelError, Part};
use mend_shared::session::Session;
use mend_shared::summary::{CounselorSummary, SectionKind, SummaryRequest};
use std::collections::BTreeSet;
use support::*;

/// Ana and Ben, synced once, on their own files.
fn couple() -> (Session, Session, (TempFile, TempFile)) {
    let clock = clock();
    let (mut a, fa) = session_named("Ana", clock.clone());
    let (mut b, fb) = session_named("Ben", clock);
    sync_pair(&mut a, &mut b);
    (a, b, (fa, fb))
}

/// The shared document as stored, uncompressed, history included: what a partner's phone
/// receives (sealed) when it syncs.
fn shared_bytes(s: &mut Session) -> Vec<u8> {
    s.shared_doc().unwrap().automerge().save_nocompress()
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// The choice and its privacy
// ---------------------------------------------------------------------------------------------

#[test]
fn a_part_is_chosen_privately_and_can_be_changed_at_any_time() {
    let (mut a, _b, _files) = couple();
    assert_eq!(a.my_part(), None, "nobody is given a part");
    a.choose_part(Part::BrokeTrust).unwrap();
    assert_eq!(a.my_part(), Some(Part::BrokeTrust));
    assert!(!a.sharing_part(), "sharing is off until its owner turns it on");
    a.choose_part(Part::Both).unwrap();
    assert_eq!(a.my_part(), Some(Part::Both));
    assert_eq!(a.private().part_choice().unwrap().part, Part::Both);
}

#[test]
fn the_choice_survives_closing_and_reopening_the_phone() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.choose_part(Part::Hurt).unwrap();
    s.share_part(true).unwrap();
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!((s.my_part(), s.sharing_part()), (Some(Part::Hurt), true));
    s.ensure_loaded().unwrap();
    assert_eq!(
        (s.my_part(), s.sharing_part()),
        (Some(Part::Hurt), true),
        "the document agrees with the view"
    );
}

#[test]
fn an_unshared_part_never_enters_the_shared_document_or_reaches_the_partner() {
    let (mut a, mut b, _files) = couple();
    a.choose_part(Part::BrokeTrust).unwrap();
    a.choose_part(Part::Hurt).unwrap();
    a.choose_part(Part::BrokeTrust).unwrap();
    sync_pair(&mut a, &mut b);

    assert!(a.shared().parts.is_empty() && b.shared().parts.is_empty());
    let ana = a.my_id().unwrap().clone();
    assert_eq!(b.shared().shared_part_of(&ana), None);
    for bytes in [shared_bytes(&mut a), shared_bytes(&mut b)] {
        for part in Part::ALL {
            assert!(!holds(&bytes, part.as_str()), "{part} is in the shared document's history");
        }
        assert!(!holds(&bytes, "part/"), "no part record was ever written to the shared document");
    }
    // Positive controls: the search finds strings in these bytes, and the part is on Ana's phone.
    assert!(holds(&shared_bytes(&mut b), "Ana"));
    assert_eq!(a.private().part_choice().map(|c| c.part), Some(Part::BrokeTrust));
}

#[test]
fn sharing_puts_the_part_in_the_shared_document_and_unsharing_takes_it_out() {
    let (mut a, mut b, _files) = couple();
    let ana = a.my_id().unwrap().clone();
    a.choose_part(Part::BrokeTrust).unwrap();
    a.share_part(true).unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().shared_part_of(&ana).map(|p| p.part), Some(Part::BrokeTrust));
    assert!(holds(&shared_bytes(&mut b), "broke-trust"), "the search can find a shared part");

    a.choose_part(Part::Both).unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().shared_part_of(&ana).map(|p| p.part), Some(Part::Both), "a change follows");

    a.share_part(false).unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().shared_part_of(&ana), None, "turning sharing off takes it back out");
    assert_eq!(a.my_part(), Some(Part::Both), "the choice itself stays on Ana's phone");
}

#[test]
fn sharing_needs_a_part_first_and_saves_nothing_without_one() {
    let (mut a, _b, _files) = couple();
    let err = a.share_part(true).unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::NoPartChosen));
    assert_eq!(err.to_string(), "choose your part first; until then there is nothing to share");
    assert!(!a.sharing_part() && a.shared().parts.is_empty());
}

#[test]
fn the_part_and_its_shared_copy_are_saved_in_one_transaction() {
    let clock = clock();
    let (mut s, file) = session_named("Ben", clock.clone());
    s.choose_part(Part::Hurt).unwrap();
    s.ensure_loaded().unwrap();
    // The store refuses every new view row of the shared document, as a full disk would,
    // after the private document's rows have gone in within the same transaction.
    s.store()
        .connection()
        .execute_batch(
            "CREATE TRIGGER no_shared_rows BEFORE INSERT ON records WHEN NEW.doc = 'shared'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    assert!(s.share_part(true).is_err());
    assert!(!s.sharing_part(), "the private toggle was not saved without its shared copy");
    assert!(s.shared().parts.is_empty());
    drop(s);
    let s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!((s.my_part(), s.sharing_part()), (Some(Part::Hurt), false));
    assert!(s.shared().parts.is_empty());
}

#[test]
fn changing_the_part_deletes_and_hides_nothing_already_written() {
    let (mut a, mut b, _files) = couple();
    a.choose_part(Part::Hurt).unwrap();
    a.reflect("apology.what-i-need-to-hear", "That you knew it would hurt me.").unwrap();
    a.ask_question("Where were you on the 3rd?").unwrap();
    a.choose_part(Part::BrokeTrust).unwrap();
    sync_pair(&mut a, &mut b);
    let ana = a.my_id().unwrap().clone();
    assert_eq!(
        a.shared().reflection_of(NEED_TO_HEAR_PROMPT, &ana).map(|r| r.text.as_str()),
        Some("That you knew it would hurt me.")
    );
    assert_eq!(a.shared().questions.len(), 1, "the question asked before stays");
    assert_eq!(b.shared().questions.len(), 1);
    let step = a.guide_for(StepId::Apology);
    assert!(step.prompts.iter().any(|p| p.id == NEED_TO_HEAR_PROMPT), "the answer's prompt is still shown");
}

#[test]
fn a_shared_part_comes_back_after_erasing_the_copy_and_a_private_one_stays_out() {
    let (mut a, _b, _files) = couple();
    a.choose_part(Part::Both).unwrap();
    a.share_part(true).unwrap();
    a.erase_shared_copy().unwrap();
    let me = a.my_id().unwrap().clone();
    assert_eq!(a.shared().shared_part_of(&me).map(|p| p.part), Some(Part::Both));
    a.share_part(false).unwrap();
    a.erase_shared_copy().unwrap();
    assert!(a.shared().parts.is_empty());
}

#[test]
fn the_counselor_summary_names_only_the_parts_their_owners_shared() {
    let (mut a, mut b, _files) = couple();
    a.choose_part(Part::BrokeTrust).unwrap();
    a.share_part(true).unwrap();
    b.choose_part(Part::Hurt).unwrap();
    sync_pair(&mut a, &mut b);
    let mut request = SummaryRequest::new(a.today().plus_days(-6), a.today());
    request.include_guide_progress = true;
    for s in [&a, &b] {
        let summary = CounselorSummary::build(s.shared(), &request, s.today()).unwrap();
        let overview = format!("{:?}", summary.section(SectionKind::Overview).unwrap());
        assert!(overview.contains("Ana — “I broke trust”"), "{overview}");
        assert!(!overview.contains("I was hurt"), "Ben didn't share his part: {overview}");
        assert!(summary.to_markdown().contains("I broke trust"));
        assert!(!summary.to_html().contains("I was hurt"));
    }
    b.share_part(true).unwrap();
    let summary = CounselorSummary::build(b.shared(), &request, b.today()).unwrap();
    assert!(summary.to_markdown().contains("Ben — “I was hurt”"));
}

// ---------------------------------------------------------------------------------------------
// The guide worded for each part
// ---------------------------------------------------------------------------------------------

#[test]
fn every_step_has_its_own_words_for_every_part() {
    for step in steps() {
        for part in Part::ALL {
            let words = guide::for_part(step.id, Some(part));
            assert_eq!(words.part, part);
            assert!(!words.summary.trim().is_empty(), "{} {part}", step.id);
            assert!(!words.suggestion.text.trim().is_empty(), "{} {part}", step.id);
            let ids: Vec<&str> = words.prompts.iter().map(|p| p.id).collect();
            let expected: Vec<&str> = step.prompts.iter().map(|p| p.id).collect();
            assert_eq!(ids, expected, "{} {part}: the same prompts, in the same order", step.id);
            for p in &words.prompts {
                assert!(
                    !p.text.trim().is_empty() && p.text.ends_with('?'),
                    "{} {part} {}: {}",
                    step.id,
                    p.id,
                    p.text
                );
            }
            let ex: Vec<(&str, &str)> = words.exercises.iter().map(|e| (e.id, e.title)).collect();
            let expected: Vec<(&str, &str)> = step.exercises.iter().map(|e| (e.id, e.title)).collect();
            assert_eq!(ex, expected, "{} {part}", step.id);
            for e in &words.exercises {
                assert!(e.instructions.len() > 80, "{} {part} {}", step.id, e.id);
            }
        }
    }
}

#[test]
fn the_three_named_parts_are_written_out_in_full_for_every_prompt_and_exercise() {
    // Each named part lists every prompt and exercise of the step, with no leftovers: a prompt
    // can't silently fall back to the shared words.
    for step in steps() {
        for words in [&step.parts.hurt, &step.parts.broke_trust, &step.parts.both] {
            let listed: Vec<&str> = words.prompts.iter().map(|(id, _)| *id).collect();
            let all: Vec<&str> = step.prompts.iter().map(|p| p.id).collect();
            assert_eq!(listed, all, "{}", step.id);
            let listed: Vec<&str> = words.exercises.iter().map(|(id, _)| *id).collect();
            let all: Vec<&str> = step.exercises.iter().map(|e| e.id).collect();
            assert_eq!(listed, all, "{}", step.id);
        }
    }
}

#[test]
fn rather_not_say_and_no_choice_read_todays_shared_words() {
    for step in steps() {
        for part in [None, Some(Part::RatherNotSay)] {
            let words = guide::for_part(step.id, part);
            assert_eq!(words.summary, step.summary);
            assert_eq!(words.prompts, step.prompts.to_vec());
            assert_eq!(words.exercises, step.exercises.to_vec());
            assert_eq!(words.suggestion.text, step.parts.rather_not_say_suggestion);
        }
    }
}

/// Every text one part is shown for one step: summary, prompts, instructions, suggestion.
fn shown_to(step: StepId, part: Part) -> BTreeSet<&'static str> {
    let w = guide::for_part(step, Some(part));
    let mut texts = BTreeSet::from([w.summary, w.suggestion.text]);
    texts.extend(w.prompts.iter().map(|p| p.text));
    texts.extend(w.exercises.iter().map(|e| e.instructions));
    texts
}

#[test]
fn no_text_meant_for_one_part_is_shown_to_another() {
    let mut leaks = Vec::new();
    for step in steps() {
        for part in Part::ALL {
            let mine = shown_to(step.id, part);
            for other in Part::ALL.into_iter().filter(|o| *o > part) {
                for text in shown_to(step.id, other).intersection(&mine) {
                    leaks.push(format!("{} shows the same words to {part} and {other}: {text:?}", step.id));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn the_partner_who_broke_trust_is_spoken_to_about_their_own_actions_and_the_hurt_one_about_theirs() {
    let broke = guide::for_part(StepId::Apology, Some(Part::BrokeTrust));
    let hurt = guide::for_part(StepId::Apology, Some(Part::Hurt));
    let text = |w: &guide::StepForPart, id: &str| w.prompts.iter().find(|p| p.id == id).unwrap().text;
    assert!(text(&broke, "apology.what-i-did").starts_with("What exactly did you do"));
    assert_eq!(
        text(&hurt, NEED_TO_HEAR_PROMPT),
        "What would you need to hear for an apology to feel sincere?"
    );
    // The shared words, which used to say "if you broke trust… / if you were hurt…" to both.
    let shared = guide::step(StepId::Apology);
    assert!(shared.prompts[0].text.starts_with("If you broke trust"));
    for part in [Part::Hurt, Part::BrokeTrust, Part::Both] {
        for step in steps() {
            let w = guide::for_part(step.id, Some(part));
            let texts = w.prompts.iter().map(|p| p.text).chain(w.exercises.iter().map(|e| e.instructions));
            for text in texts.chain([w.summary]) {
                let lower = text.to_lowercase();
                assert!(
                    !lower.contains("if you broke trust") && !lower.contains("if you were hurt"),
                    "{} {part}: no guessing at the part once it is known: {text}",
                    step.id
                );
            }
        }
    }
}

#[test]
fn step_four_features_what_i_need_to_hear_only_for_the_partner_who_was_hurt() {
    for part in Part::ALL {
        let step = guide::for_part(StepId::Apology, Some(part));
        let featured = step.featured_prompt().map(|p| p.id);
        let reflect: Vec<&str> = step.reflect_prompts().iter().map(|p| p.id).collect();
        if part.apology_lead() == ApologyLead::Receiving {
            assert_eq!(featured, Some(NEED_TO_HEAR_PROMPT));
            assert!(!reflect.contains(&NEED_TO_HEAR_PROMPT), "shown once, first");
        } else {
            assert_eq!(featured, None, "{part}");
            assert!(reflect.contains(&NEED_TO_HEAR_PROMPT), "{part}");
        }
        assert_eq!(reflect.len() + usize::from(featured.is_some()), step.prompts.len());
    }
    assert_eq!(guide::for_part(StepId::Transparency, Some(Part::Hurt)).featured_prompt(), None);
}

#[test]
fn prompts_are_found_by_id_in_the_words_of_each_part() {
    let (step, hurt) = guide::prompt_for("root-cause.my-part", Some(Part::Hurt)).unwrap();
    assert_eq!(step.id, StepId::RootCause);
    let (_, broke) = guide::prompt_for("root-cause.my-part", Some(Part::BrokeTrust)).unwrap();
    assert_ne!(hurt.text, broke.text);
    let (_, none) = guide::prompt_for("root-cause.my-part", None).unwrap();
    assert_eq!(none.text, guide::prompt("root-cause.my-part").unwrap().1.text);
    assert!(guide::prompt_for("root-cause.nope", Some(Part::Hurt)).is_none());
}

// ---------------------------------------------------------------------------------------------
// Today's suggestion
// ---------------------------------------------------------------------------------------------

#[test]
fn today_suggests_one_thing_from_my_current_step_worded_for_my_part() {
    let (mut a, _b, _files) = couple();
    let first = a.today_suggestion().unwrap();
    assert_eq!((first.step, first.id.as_str()), (StepId::RootCause, "root-cause.rather-not-say"));
    a.choose_part(Part::BrokeTrust).unwrap();
    let mine = a.today_suggestion().unwrap();
    assert_eq!(mine.text, guide::step(StepId::RootCause).parts.broke_trust.suggestion);
    a.set_step_done(StepId::RootCause, true).unwrap();
    a.set_step_done(StepId::Communication, true).unwrap();
    let third = a.today_suggestion().unwrap();
    assert_eq!((third.step, third.id.as_str()), (StepId::Transparency, "transparency.broke-trust"));
}

#[test]
fn a_suggestion_set_aside_stays_away_until_the_step_or_the_part_changes() {
    let (mut a, mut b, _files) = couple();
    a.choose_part(Part::Hurt).unwrap();
    let id = a.today_suggestion().unwrap().id;
    a.dismiss_suggestion(&id).unwrap();
    assert_eq!(a.today_suggestion(), None);
    assert!(a.private().dismissed(&id));
    a.choose_part(Part::Both).unwrap();
    assert_eq!(a.today_suggestion().unwrap().id, "root-cause.both", "another part brings its own");
    a.choose_part(Part::Hurt).unwrap();
    assert_eq!(a.today_suggestion(), None);
    a.set_step_done(StepId::RootCause, true).unwrap();
    assert_eq!(a.today_suggestion().unwrap().id, "communication.hurt");
    sync_pair(&mut a, &mut b);
    assert!(!holds(&shared_bytes(&mut b), "root-cause.hurt"), "setting it aside stays on this phone");
}

#[test]
fn an_unknown_suggestion_is_refused_by_name_and_nothing_is_saved() {
    let (mut a, _b, _files) = couple();
    for bad in ["", "root-cause", "root-cause.victim", "nowhere.hurt", "root-cause.hurt.extra"] {
        let err = a.dismiss_suggestion(bad).unwrap_err();
        assert_eq!(err.to_string(), format!("there is no suggestion with id {bad}"));
    }
    assert!(a.private().dismissed.is_empty());
}
