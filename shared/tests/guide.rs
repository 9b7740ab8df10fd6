//! The guide's content against its seed text and the app's rules for tone, ids and safety.

use mend_shared::guide::{self, AppFeature, GuideStep, SAFETY_NOTE, StepId, UnknownStep, next_step, steps};
use mend_shared::model::Part;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------

/// One section of the seed: its heading line and its text.
#[derive(Debug)]
struct SeedSection {
    heading: String,
    text: String,
}

/// The seed text, from a verbatim copy kept with the tests so they run on a clean clone.
fn seed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guide-seed.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A heading is a short line that does not end like a sentence. The title ends with "?" and
/// every paragraph (the intro included) ends with "."; so everything before the first heading
/// is the title and intro, and each heading owns the lines up to the next heading.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 60 && !line.ends_with(['.', '?', '!', ':', ';', ','])
}

fn seed_sections(seed: &str) -> Vec<SeedSection> {
    let mut sections: Vec<SeedSection> = Vec::new();
    for line in seed.lines() {
        if is_heading(line) {
            sections.push(SeedSection { heading: line.trim().to_owned(), text: String::new() });
        } else if let Some(section) = sections.last_mut() {
            section.text.push_str(line.trim());
            section.text.push('\n');
        }
    }
    sections
}

#[test]
fn the_seed_has_seven_steps_and_an_epilogue() {
    let sections = seed_sections(&seed());
    assert_eq!(sections.len(), 8, "headings found: {sections:#?}");
    assert!(sections.iter().any(|s| s.heading == "epilogue"));
    for s in &sections {
        assert!(!s.text.trim().is_empty(), "empty seed section {:?}", s.heading);
    }
}

#[test]
fn every_seed_section_is_covered_by_one_step() {
    let sections = seed_sections(&seed());
    for section in &sections {
        let covering: Vec<StepId> =
            steps().iter().filter(|s| s.seed_section == section.heading).map(|s| s.id).collect();
        assert_eq!(covering.len(), 1, "seed section {:?} is covered by {covering:?}", section.heading);
    }
    // And no step claims a heading the seed does not have.
    let headings: HashSet<&str> = sections.iter().map(|s| s.heading.as_str()).collect();
    for step in steps() {
        assert!(
            headings.contains(step.seed_section),
            "{} claims seed section {:?}, which is not a heading in the seed",
            step.id,
            step.seed_section
        );
    }
}

/// A key idea of a seed section: the stems the seed uses for it, and the stems our body may
/// use for it (our words, not the seed's, so they can differ: the seed says "consultants", we
/// say "counselor"). Stems are matched case-insensitively as substrings; an idea is present
/// when any one of its stems occurs.
struct Idea {
    name: &'static str,
    seed: &'static [&'static str],
    body: &'static [&'static str],
}

/// An idea worded with the same stems in the seed and in our body.
const fn same(name: &'static str, stems: &'static [&'static str]) -> Idea {
    Idea { name, seed: stems, body: stems }
}

/// The key ideas of each step's seed section. "behavio" matches behavior and behaviour,
/// "apolog" apology, apologize and apologise, "reliab" reliable and reliability, and so on.
fn key_ideas(id: StepId) -> Vec<Idea> {
    match id {
        StepId::RootCause => vec![
            same("the root cause", &["root"]),
            same("poor communication", &["communicat"]),
            same("inconsistent behavior", &["inconsisten"]),
            same("behavior", &["behavio"]),
            same("betrayal", &["betray"]),
            same("misunderstanding", &["misunderst"]),
            same("the roles of both", &["role"]),
            same("what influenced them", &["influenc"]),
        ],
        StepId::Communication => vec![
            same("honesty", &["honest"]),
            same("respect", &["respect"]),
            same("listening", &["listen"]),
            same("feelings", &["feeling"]),
            same("perspectives", &["perspective"]),
            same("understanding", &["understand"]),
            same("expectations", &["expect"]),
            same("reflecting on the past", &["past"]),
            same("commitment", &["commit"]),
            same("improvement", &["improv"]),
        ],
        StepId::Transparency => vec![
            same("transparency", &["transparen"]),
            same("consistency", &["consisten"]),
            same("actions", &["action"]),
            same("words", &["word"]),
            same("no room for confusion", &["confus"]),
            same("sharing", &["shar"]),
            same("decisions", &["decision"]),
            same("respect", &["respect"]),
            same("feeling included", &["inclu"]),
        ],
        StepId::Apology => vec![
            same("responsibility", &["responsib"]),
            Idea { name: "courage", seed: &["brave"], body: &["courage", "brave"] },
            same("admitting", &["admit"]),
            same("mistakes", &["mistake"]),
            same("apology", &["apolog"]),
            same("sincerity", &["sincer"]),
            same("determination", &["determin"]),
            same("rebuilding", &["rebuil"]),
        ],
        StepId::MutualSupport => vec![
            same("not overnight", &["overnight"]),
            same("effort", &["effort"]),
            same("support", &["support"]),
            same("dependence", &["depend"]),
            same("promises", &["promise"]),
            same("keeping them", &["keep"]),
            same("reliability", &["reliab"]),
            same("trustworthiness", &["trustworth"]),
        ],
        StepId::Time => vec![
            same("time", &["time"]),
            same("patience", &["patien"]),
            same("understanding", &["understand"]),
            same("healing", &["heal"]),
            same("the pain", &["pain"]),
            same("no rushing", &["rush"]),
            same("persistence", &["persist"]),
            same("effort", &["effort"]),
        ],
        StepId::ProfessionalHelp => vec![
            same("too complex", &["complex"]),
            same("professional help", &["professional"]),
            Idea { name: "counselors", seed: &["consultant"], body: &["counsel"] },
            same("psychologists", &["psycholog"]),
            same("objectivity", &["objective"]),
            same("methods", &["method"]),
            same("understanding the problem", &["understand"]),
            Idea { name: "a solution", seed: &["solution"], body: &["solution", "way forward"] },
        ],
        StepId::Closing => vec![
            same("patience", &["patien"]),
            same("effort", &["effort"]),
            same("sincerity", &["sincer"]),
            same("cooperation", &["cooperat"]),
            same("communication", &["communicat"]),
            same("reflection", &["reflect"]),
            same("consistency", &["consisten"]),
            same("healing over time", &["heal"]),
            same("every step matters", &["every step"]),
        ],
    }
}

fn mentions(text: &str, stems: &[&str]) -> bool {
    let text = text.to_lowercase();
    stems.iter().any(|stem| text.contains(&stem.to_lowercase()))
}

#[test]
fn every_step_body_mentions_the_key_ideas_of_its_seed_section() {
    let sections = seed_sections(&seed());
    for step in steps() {
        let section = sections
            .iter()
            .find(|s| s.heading == step.seed_section)
            .unwrap_or_else(|| panic!("no seed section for {}", step.id));
        let seed_text = format!("{}\n{}", section.heading, section.text);
        let body = step.body.join("\n");
        let ideas = key_ideas(step.id);
        assert!(ideas.len() >= 3, "{} needs at least three key ideas", step.id);
        for idea in ideas {
            assert!(
                mentions(&seed_text, idea.seed),
                "{}: {:?} is not in the seed section {:?} (stems {:?}); fix the idea list",
                step.id,
                idea.name,
                step.seed_section,
                idea.seed
            );
            assert!(
                mentions(&body, idea.body),
                "{}: the body does not mention {:?} (stems {:?})",
                step.id,
                idea.name,
                idea.body
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

#[test]
fn steps_come_in_program_order() {
    let ids: Vec<StepId> = steps().iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        [
            StepId::RootCause,
            StepId::Communication,
            StepId::Transparency,
            StepId::Apology,
            StepId::MutualSupport,
            StepId::Time,
            StepId::ProfessionalHelp,
            StepId::Closing,
        ]
    );
    assert_eq!(ids, StepId::ALL);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ids, "StepId's Ord follows program order");
}

#[test]
fn steps_are_numbered_one_to_eight() {
    assert_eq!(steps().len(), 8);
    for (i, step) in steps().iter().enumerate() {
        assert_eq!(usize::from(step.number), i + 1, "{}", step.id);
        assert_eq!(guide::step(step.id), step);
    }
}

#[test]
fn every_step_has_prompts_an_exercise_and_features() {
    for step in steps() {
        assert!(step.prompts.len() >= 3, "{} has too few prompts", step.id);
        assert!(!step.exercises.is_empty(), "{} has no exercise", step.id);
        assert!(!step.features.is_empty(), "{} leads nowhere", step.id);
        assert!(!step.title.is_empty(), "{} has no title", step.id);
        for p in step.prompts {
            assert!(p.text.ends_with('?'), "{} is not a question", p.id);
        }
        for e in step.exercises {
            assert!(!e.title.is_empty() && !e.instructions.is_empty(), "{}", e.id);
        }
    }
}

#[test]
fn summaries_are_single_short_lines() {
    for step in steps() {
        let s = step.summary;
        assert!(!s.trim().is_empty(), "{} has no summary", step.id);
        assert!(!s.contains(['\n', '\r']), "{} summary spans lines", step.id);
        assert!(s.chars().count() <= 140, "{} summary is too long", step.id);
    }
}

#[test]
fn bodies_have_three_to_six_short_paragraphs() {
    for step in steps() {
        assert!((3..=6).contains(&step.body.len()), "{} has {} paragraphs", step.id, step.body.len());
        for para in step.body {
            assert!(!para.trim().is_empty(), "{} has an empty paragraph", step.id);
            assert!(!para.contains('\n'), "{}: one paragraph per entry", step.id);
            assert!(para.chars().count() <= 400, "{}: long paragraph {para:?}", step.id);
        }
    }
}

#[test]
fn prompt_and_exercise_ids_are_unique_and_prefixed_by_their_step() {
    let mut seen = HashSet::new();
    for step in steps() {
        let prefix = format!("{}.", step.id.as_str());
        let ids = step.prompts.iter().map(|p| p.id).chain(step.exercises.iter().map(|e| e.id));
        for id in ids {
            assert!(seen.insert(id), "duplicate id {id}");
            let rest = id.strip_prefix(&prefix).unwrap_or_else(|| panic!("{id} is not prefixed by {prefix}"));
            assert!(
                !rest.is_empty()
                    && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id} is not kebab-case after its prefix"
            );
        }
    }
}

#[test]
fn every_exercise_is_done_in_a_feature_its_step_leads_to() {
    for step in steps() {
        for e in step.exercises {
            assert!(
                step.features.contains(&e.feature),
                "{} uses {:?}, which {} does not list",
                e.id,
                e.feature,
                step.id
            );
        }
        let unique: HashSet<_> = step.features.iter().collect();
        assert_eq!(unique.len(), step.features.len(), "{} repeats a feature", step.id);
    }
}

#[test]
fn each_step_leads_to_its_main_feature_first() {
    let main = |id| guide::step(id).features[0];
    assert_eq!(main(StepId::RootCause), AppFeature::RootCauseExercise);
    assert_eq!(main(StepId::Communication), AppFeature::TalkPrompts);
    assert_eq!(main(StepId::Transparency), AppFeature::PromiseTracker);
    assert_eq!(main(StepId::Apology), AppFeature::ApologyComposer);
    assert_eq!(main(StepId::MutualSupport), AppFeature::SupportRequests);
    assert_eq!(main(StepId::Time), AppFeature::Timeline);
    assert_eq!(main(StepId::ProfessionalHelp), AppFeature::CounselorSummary);
    assert_eq!(main(StepId::Closing), AppFeature::ClosingReflection);

    let leads_to = |id, f| guide::step(id).features.contains(&f);
    assert!(leads_to(StepId::Transparency, AppFeature::Disclosures));
    assert!(leads_to(StepId::Transparency, AppFeature::Questions));
    assert!(leads_to(StepId::MutualSupport, AppFeature::PromiseTracker));
}

#[test]
fn every_app_feature_is_reached_by_some_step() {
    for f in AppFeature::ALL {
        assert!(steps().iter().any(|s| s.features.contains(&f)), "no step leads to {f:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Ids and names
// ---------------------------------------------------------------------------------------------

#[test]
fn step_ids_round_trip_through_strings_and_serde() {
    let names: Vec<&str> = StepId::ALL.iter().map(|id| id.as_str()).collect();
    assert_eq!(
        names,
        [
            "root-cause",
            "communication",
            "transparency",
            "apology",
            "mutual-support",
            "time",
            "professional-help",
            "closing",
        ]
    );
    for id in StepId::ALL {
        assert_eq!(id.as_str().parse::<StepId>(), Ok(id));
        assert_eq!(id.to_string(), id.as_str());
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", id.as_str()));
        assert_eq!(serde_json::from_str::<StepId>(&json).unwrap(), id);
    }
    assert!(serde_json::from_str::<StepId>("\"RootCause\"").is_err());
}

#[test]
fn unknown_step_names_are_rejected_with_a_clear_message() {
    let err = "root_cause".parse::<StepId>().unwrap_err();
    assert_eq!(err, UnknownStep("root_cause".to_owned()));
    assert_eq!(err.to_string(), "unknown guide step: root_cause");
}

#[test]
fn app_features_serialize_in_kebab_case_and_have_labels() {
    let expected: BTreeMap<AppFeature, (&str, &str)> = [
        (AppFeature::RootCauseExercise, ("root-cause-exercise", "Root-cause exercise")),
        (AppFeature::TalkPrompts, ("talk-prompts", "Weekly talk")),
        (AppFeature::PromiseTracker, ("promise-tracker", "Promise tracker")),
        (AppFeature::Disclosures, ("disclosures", "“I want you to know” notes")),
        (AppFeature::Questions, ("questions", "Questions I need answered")),
        (AppFeature::ApologyComposer, ("apology-composer", "Apology composer")),
        (AppFeature::SupportRequests, ("support-requests", "Support requests")),
        (AppFeature::Timeline, ("timeline", "Timeline and insights")),
        (AppFeature::CounselorSummary, ("counselor-summary", "Counselor summary")),
        (AppFeature::ClosingReflection, ("closing-reflection", "Closing reflection")),
    ]
    .into_iter()
    .collect();
    assert_eq!(expected.len(), AppFeature::ALL.len());
    for f in AppFeature::ALL {
        let (name, label) = expected[&f];
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<AppFeature>(&json).unwrap(), f);
        assert_eq!(f.label(), label);
    }
}

// ---------------------------------------------------------------------------------------------
// Content rules
// ---------------------------------------------------------------------------------------------

/// Every piece of text a step shows, with where it comes from.
fn texts(step: &GuideStep) -> Vec<(String, &'static str)> {
    let mut out = vec![("title".to_owned(), step.title), ("summary".to_owned(), step.summary)];
    out.extend(step.body.iter().enumerate().map(|(i, t)| (format!("body[{i}]"), *t)));
    out.extend(step.prompts.iter().map(|p| (p.id.to_owned(), p.text)));
    for e in step.exercises {
        out.push((format!("{} title", e.id), e.title));
        out.push((format!("{} instructions", e.id), e.instructions));
    }
    out.extend(
        step.when_to_seek_help.iter().enumerate().map(|(i, t)| (format!("when_to_seek_help[{i}]"), *t)),
    );
    out.extend(step.safety_note.map(|t| ("safety_note".to_owned(), t)));
    out.extend(step.resources.iter().enumerate().map(|(i, t)| (format!("resources[{i}]"), *t)));
    out.extend(step.features.iter().map(|f| ("feature label".to_owned(), f.label())));
    // The words each part reads are held to the same rules.
    for (part, words) in
        [("hurt", &step.parts.hurt), ("broke-trust", &step.parts.broke_trust), ("both", &step.parts.both)]
    {
        out.push((format!("{part} summary"), words.summary));
        out.push((format!("{part} suggestion"), words.suggestion));
        out.extend(words.prompts.iter().map(|(id, t)| (format!("{part} {id}"), *t)));
        out.extend(words.exercises.iter().map(|(id, t)| (format!("{part} {id}"), *t)));
    }
    out.push(("rather-not-say suggestion".to_owned(), step.parts.rather_not_say_suggestion));
    out
}

/// Lowercase, with typographic apostrophes made plain.
fn normalize(text: &str) -> String {
    text.to_lowercase().replace('’', "'")
}

fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn professional_help_lists_signs_and_carries_the_safety_note() {
    let help = guide::step(StepId::ProfessionalHelp);
    assert!(help.when_to_seek_help.len() >= 5);
    assert_eq!(help.safety_note, Some(SAFETY_NOTE));
    let note = normalize(SAFETY_NOTE);
    for needed in [
        "unsafe",
        "threatened",
        "controlled",
        "afraid",
        "emergency services",
        "helpline",
        "mend never tracks location",
    ] {
        assert!(note.contains(needed), "the safety note must mention {needed:?}");
    }
    // The signs the issue names, by stem.
    let signs = normalize(&help.when_to_seek_help.join("\n"));
    for stem in ["same fight", "weeks", "move past", "severe", "anxiety", "depression", "worse"] {
        assert!(signs.contains(stem), "no sign mentions {stem:?}");
    }
    let body = normalize(&help.body.join("\n"));
    assert!(body.contains("counselor summary"));
}

#[test]
fn only_professional_help_carries_signs_and_the_safety_note() {
    for step in steps() {
        if step.id == StepId::ProfessionalHelp {
            continue;
        }
        assert!(step.when_to_seek_help.is_empty(), "{}", step.id);
        assert_eq!(step.safety_note, None, "{}", step.id);
        assert!(step.resources.is_empty(), "{}", step.id);
    }
}

#[test]
fn professional_help_says_where_to_find_a_counselor_and_what_matters_in_choosing() {
    let resources = normalize(&guide::step(StepId::ProfessionalHelp).resources.join("\n"));
    for needed in
        ["couples therapist", "psychologist", "doctor", "first call", "safe and heard", "crisis line"]
    {
        assert!(resources.contains(needed), "the resources must mention {needed:?}");
    }
}

/// Words that shame, keep score or turn repair into a game. Matched as substrings of the
/// lowercased text, so "fail" also catches "failed" and "failure".
const SHAMING_OR_GAMIFIED: &[&str] = &[
    "streak",
    "points",
    "fail",
    "punish",
    "score",
    "badge",
    "leaderboard",
    "level up",
    "guilty",
    "pathetic",
];

#[test]
fn no_step_uses_shaming_or_gamified_words() {
    for step in steps() {
        for (place, text) in texts(step) {
            let text = normalize(text);
            for word in SHAMING_OR_GAMIFIED {
                assert!(!text.contains(word), "{} {place} uses {word:?}: {text}", step.id);
            }
        }
    }
}

/// Words that point at watching a partner. "tracker" (the promise tracker) is not among them:
/// words are compared whole.
const SURVEILLANCE: &[&str] = &[
    "track",
    "tracks",
    "tracked",
    "tracking",
    "location",
    "locations",
    "gps",
    "spy",
    "spying",
    "spyware",
    "snoop",
    "snooping",
    "monitor",
    "monitoring",
    "surveillance",
    "password",
    "passwords",
    "passcode",
    "stalkerware",
];

/// Verbs that, next to "phone", mean looking into someone's phone.
const PHONE_CHECKING: &[&str] = &[
    "check",
    "checks",
    "checking",
    "look",
    "looks",
    "looking",
    "go",
    "going",
    "read",
    "reading",
    "search",
    "searching",
];

#[test]
fn no_step_suggests_tracking_or_checking_a_phone() {
    // Any sentence that talks about tracking, location or looking into a phone must say that
    // this never happens ("never" or "no").
    for step in steps() {
        for (place, text) in texts(step) {
            for sentence in normalize(text).split(['.', '!', '?', ';', ':']) {
                let w = words(sentence);
                let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
                let about_watching =
                    has(SURVEILLANCE) || (w.iter().any(|x| x.starts_with("phone")) && has(PHONE_CHECKING));
                if about_watching {
                    assert!(
                        has(&["never", "no"]),
                        "{} {place} talks about watching a partner without ruling it out: \
                         {sentence:?}",
                        step.id
                    );
                }
            }
        }
    }
}

#[test]
fn transparency_is_what_each_partner_chooses_to_share() {
    let body = normalize(&guide::step(StepId::Transparency).body.join("\n"));
    for needed in [
        "chooses to share",
        "never collected or demanded",
        "mend never tracks",
        "no checking each other's phone, ever",
    ] {
        assert!(body.contains(needed), "transparency must say {needed:?}");
    }
}

#[test]
fn root_cause_views_stay_hidden_until_both_have_answered() {
    let exercise = guide::step(StepId::RootCause).exercises[0];
    assert_eq!(exercise.feature, AppFeature::RootCauseExercise);
    let text = normalize(exercise.instructions);
    for needed in [
        "poor communication",
        "inconsistent behavior",
        "betrayal",
        "misunderstanding",
        "something else",
        "hidden until you have both answered",
        "side by side",
    ] {
        assert!(text.contains(needed), "root-cause exercise must say {needed:?}");
    }
}

#[test]
fn apology_responses_come_without_pressure_or_deadline() {
    let step = guide::step(StepId::Apology);
    let all = normalize(&texts(step).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n"));
    for needed in [
        "what happened",
        "impact",
        "your part",
        "what you will do differently",
        "promise",
        "“i hear you”",
        "“i'm not ready yet”",
        "no pressure and no deadline",
    ] {
        assert!(all.contains(needed), "the apology step must say {needed:?}");
    }
}

#[test]
fn time_is_honest_about_how_long_repair_takes() {
    let body = normalize(&guide::step(StepId::Time).body.join("\n"));
    assert!(body.contains(&normalize(guide::HEALING_HORIZON)), "the horizon is said the same way everywhere");
    for needed in ["many months", "a year or more", "setback", "patience", "rush"] {
        assert!(body.contains(needed), "the time step must say {needed:?}");
    }
}

#[test]
fn next_step_walks_the_whole_guide_once() {
    let mut seen = vec![StepId::RootCause];
    while let Some(next) = next_step(seen[seen.len() - 1]) {
        assert!(!seen.contains(&next), "loop at {next}");
        seen.push(next);
    }
    assert_eq!(seen, StepId::ALL);
}

#[test]
fn guide_text_is_tidy() {
    for step in steps() {
        for (place, text) in texts(step) {
            assert_eq!(text.trim(), text, "{} {place} has stray whitespace", step.id);
            assert!(!text.contains("  "), "{} {place} has a double space", step.id);
            assert!(!text.contains('"'), "{} {place}: use “curly” quotes", step.id);
            assert!(!text.contains(['\n', '\t']), "{} {place} has a line break", step.id);
        }
    }
}

#[test]
fn every_part_reads_that_root_cause_views_stay_hidden_until_both_have_answered() {
    for part in Part::ALL {
        let words = guide::for_part(StepId::RootCause, Some(part));
        let text = normalize(words.exercises[0].instructions);
        for needed in ["hidden until you have both answered", "side by side"] {
            assert!(text.contains(needed), "{part}: the root-cause exercise must say {needed:?}");
        }
    }
}

#[test]
fn questions_i_need_answered_never_set_a_deadline_for_any_part() {
    for part in Part::ALL {
        let words = guide::for_part(StepId::Transparency, Some(part));
        let exercise = words.exercises.iter().find(|e| e.id == "transparency.questions").unwrap();
        assert_eq!(exercise.feature, AppFeature::Questions);
        let text = normalize(exercise.instructions);
        for needed in ["own time", "no deadline"] {
            assert!(text.contains(needed), "{part}: questions must say {needed:?}");
        }
    }
}
