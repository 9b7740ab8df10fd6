//! Insights: both partners' trust and mood, promise consistency and check-in regularity drawn as
//! inline SVG from mend-shared's chart models, the range selector, milestones, and a gentle
//! counselor suggestion when trust keeps easing down.

use crate::support::{Screen, TestPhone};
use mend_shared::guide::{self, StepId};
use mend_shared::insights::counselor_suggestion;
use mend_shared::model::CheckInDraft;
use mend_shared::session::SampleSpec;

fn open_insights(phone: &TestPhone) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-insights");
    screen
}

/// The markup of the SVG with this id.
fn svg(screen: &Screen, id: &str) -> String {
    let html = screen.html();
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let start = html[..start].rfind("<svg").unwrap();
    let end = start + html[start..].find("</svg>").unwrap();
    html[start..end].to_string()
}

#[test]
fn before_any_check_in_the_screen_says_so_gently() {
    let ana = TestPhone::named("Ana");
    let screen = open_insights(&ana);
    assert!(screen.shows("How your check-ins and promises move"));
    assert!(screen.has("insights-empty"));
    // Regularity too: today isn't held against anyone before they check in.
    for chart in ["chart-trust", "chart-mood", "chart-consistency", "chart-regularity"] {
        assert_eq!(screen.text(&format!("{chart}-empty")), "Nothing to show in this range yet.");
    }
    assert_eq!(screen.text("milestone-since"), "You began today.");
    assert!(screen.text("milestone-30").contains("in 30 days"));
    assert!(screen.text("milestone-365").contains("May 4, 2027"), "a date next year says so");
    assert!(!screen.has("counselor-suggestion"));
    assert!(screen.tag("insights-range-30").contains(r#"aria-pressed="true""#));
}

#[test]
fn ninety_days_of_both_partners_are_drawn_as_svg_charts_with_words_for_screen_readers() {
    let ana = TestPhone::named("Ana");
    ana.with(|s| s.generate_sample("Ben", SampleSpec::weeks(90))).unwrap();
    let mut screen = open_insights(&ana);
    screen.click("insights-range-90");
    assert!(screen.tag("insights-range-90").contains(r#"aria-pressed="true""#));
    assert!(!screen.has("insights-empty"));

    let trust = svg(&screen, "chart-trust");
    assert!(
        trust.contains(r#"role="img""#) && trust.contains(r#"viewBox="0 0 340 180""#),
        "{}",
        &trust[..200]
    );
    assert_eq!(trust.matches("<circle").count(), 180, "a dot per check-in, 90 days for each partner");
    assert!(trust.matches("<polyline").count() >= 2, "a 7-day average line for each partner");
    assert!(trust.contains("series-0") && trust.contains("series-1"));
    let label = screen.tag("chart-trust");
    for words in
        ["Trust, Feb 4 to May 4.", "Ana · daily: 90 days.", "Ben · 7-day average:", "out of 10 on May 4."]
    {
        assert!(label.contains(words), "the label says {words:?}: {label}");
    }
    let legend = screen.text("chart-trust-legend");
    assert!(legend.contains("Ana · daily") && legend.contains("Ben · 7-day average"), "{legend}");
    for tick in [">0<", ">5<", ">10<", ">Feb 4<", ">May 4<"] {
        assert!(trust.contains(tick), "axis label {tick}");
    }
    assert!(svg(&screen, "chart-mood").contains("<polyline"));
    let consistency = svg(&screen, "chart-consistency");
    assert!(consistency.contains("<polyline") && consistency.contains("series-together"));
    assert!(screen.text("chart-consistency-legend").contains("Together"));
    assert!(svg(&screen, "chart-regularity").contains(">100%<"));

    screen.click("insights-range-30");
    assert_eq!(svg(&screen, "chart-trust").matches("<circle").count(), 60, "30 days for each partner");
    screen.click("insights-range-all");
    assert_eq!(svg(&screen, "chart-trust").matches("<circle").count(), 180, "everything is 90 days here");

    assert!(screen.tag("milestone-30").contains("reached"));
    assert_eq!(screen.text("milestone-90"), "○3 monthstomorrow");
    assert!(screen.text("milestone-since").contains("89 days ago"));
}

#[test]
fn trust_easing_down_for_weeks_brings_a_calm_suggestion_that_leads_to_professional_help() {
    let ana = TestPhone::named("Ana");
    // Four full weeks from Monday, trust a little lower each week, then into a fifth.
    for trust in [8, 7, 6, 5] {
        for _ in 0..7 {
            ana.phone
                .edit(|s| s.save_checkin(CheckInDraft { mood: 3, trust, ..Default::default() }))
                .unwrap();
            ana.advance_days(1);
        }
    }
    let mut screen = open_insights(&ana);
    let expected = ana.with(|s| counselor_suggestion(s.shared(), s.today())).expect("trust eased down");
    assert_eq!(
        screen.text("counselor-suggestion"),
        format!("A thought, if it helps{}Read “Seek professional help”", expected.reason_in_words),
        "the card shows mend-shared's own words, under a calm heading"
    );
    assert!(expected.reason_in_words.contains("from 8.0 to 5.0"), "{}", expected.reason_in_words);
    assert!(
        expected.reason_in_words.contains("by 1.5 points or more in all"),
        "the words say why Mend mentions it: {}",
        expected.reason_in_words
    );
    let card = screen.tag("counselor-suggestion");
    assert!(!card.contains("role=\"alert\"") && card.contains("gentle-note"), "a note, not an alert: {card}");
    let html = screen.html();
    assert!(
        html.find("id=\"counselor-suggestion\"") > html.find("id=\"insights-range-all\""),
        "it sits below the range choice, not over the screen"
    );
    screen.click("suggestion-open-help");
    assert_eq!(screen.text("step-title"), guide::step(StepId::ProfessionalHelp).title);
    assert!(screen.has("counselor-suggestion"), "the step shows the same suggestion");
    assert!(!screen.has("suggestion-open-help"), "without a link to where we already are");
    let started = ana.with(|s| {
        let me = s.my_id().unwrap().clone();
        s.shared().progress.get(&format!("professional-help/{me}")).is_some()
    });
    assert!(started, "following the suggestion opens the step");
}

#[test]
fn a_single_check_in_is_drawn_as_dots_without_a_line() {
    let ana = TestPhone::named("Ana");
    ana.phone.edit(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() })).unwrap();
    let screen = open_insights(&ana);
    let trust = svg(&screen, "chart-trust");
    assert_eq!(trust.matches("<circle").count(), 2, "the day's dot and its one-day average");
    assert!(!trust.contains("<polyline"));
    assert!(screen.tag("chart-trust").contains("Ana · 7-day average: 6.0 out of 10 on May 4."));
    assert!(screen.has("chart-consistency-empty"), "no promises, nothing to chart");
}

#[test]
fn a_year_or_more_is_drawn_as_weekly_lines_and_the_caption_says_so() {
    let ana = TestPhone::named("Ana");
    ana.with(|s| s.generate_sample("Ben", SampleSpec::weeks(400))).unwrap();
    let mut screen = open_insights(&ana);
    assert_eq!(
        screen.text("chart-trust-caption"),
        "Dots are each day's check-in; lines are the 7-day average."
    );
    screen.click("insights-range-365");
    let trust = svg(&screen, "chart-trust");
    assert_eq!(trust.matches("<polyline").count(), 2, "one weekly line for each partner");
    assert!(trust.matches("<circle").count() <= 2, "no daily dots, at most a lone week's point");
    let points: usize =
        trust.split("points=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].split(' ').count()).sum();
    assert!((100..=110).contains(&points), "about 53 weeks for each of the two: {points}");
    assert_eq!(
        screen.text("chart-trust-caption"),
        "Each line is one of you, week by week: the average of that week's check-ins."
    );
    let legend = screen.text("chart-trust-legend");
    assert!(legend.contains("Ana · weekly average") && legend.contains("Ben · weekly average"), "{legend}");
    assert!(screen.tag("chart-mood").contains("Ben · weekly average:"));
    screen.click("insights-range-90");
    assert_eq!(
        svg(&screen, "chart-trust").matches("<circle").count(),
        180,
        "90 days are still drawn day by day"
    );
}

#[test]
fn the_milestones_carry_the_same_honest_horizon_as_the_guide() {
    let ana = TestPhone::named("Ana");
    let screen = open_insights(&ana);
    assert!(screen.shows(&format!("{} Small steps add up.", guide::HEALING_HORIZON)));
}
