//! Insights on constructed histories: trends and their trailing average, promise consistency
//! per week, check-in regularity, milestones, the gentle counselor suggestion, and chart models.

use mend_shared::insights::{
    self, DAILY_CHART_MAX_DAYS, DECLINE_WEEKS, InsightRange, Insights, MIN_TOTAL_DROP, Metric, SeriesStyle,
    WeekMean, checkin_regularity, counselor_suggestion, declining_run, milestones, milestones_from,
    promise_consistency, trend_chart, trends, weekly_means, weekly_points,
};
use mend_shared::model::{Cadence, CheckInDraft, OutcomeKind, PromiseDraft};
use mend_shared::session::{SampleSpec, Session};
use mend_shared::time::{Clock, Day, ManualClock};
use std::sync::Arc;

/// Monday 2026-05-04.
fn start() -> Day {
    Day::ymd(2026, 5, 4).unwrap()
}

/// Ana and Ben on one hand-moved clock, both joined on `joined`.
struct Couple {
    a: Session,
    b: Session,
    clock: Arc<ManualClock>,
}

impl Couple {
    fn joined_on(joined: Day) -> Self {
        let clock = Arc::new(ManualClock::at_noon(joined, 2));
        let mut a = Session::in_memory(clock.clone()).unwrap();
        let mut b = Session::in_memory(clock.clone()).unwrap();
        a.create_profile("Ana").unwrap();
        clock.advance(chrono::Duration::minutes(1)); // Ana joined first, so she is listed first
        b.create_profile("Ben").unwrap();
        let mut c = Couple { a, b, clock };
        c.sync();
        c
    }

    fn sync(&mut self) {
        let from_a = self.a.shared_doc().unwrap().changes_since(&[]);
        let from_b = self.b.shared_doc().unwrap().changes_since(&[]);
        self.a.apply_shared_changes(&from_b).unwrap();
        self.b.apply_shared_changes(&from_a).unwrap();
    }

    fn go_to(&self, day: Day) {
        self.clock.set(ManualClock::at_noon(day, 2).now());
    }

    fn today(&self) -> Day {
        self.a.today()
    }
}

fn checkin(s: &mut Session, date: Day, trust: i64) {
    s.save_checkin_for(date, CheckInDraft { mood: 3, trust, ..Default::default() }).unwrap();
}

/// One check-in a day for seven days from `monday`, each with `trust`.
fn week_of(s: &mut Session, monday: Day, trust: i64) {
    for d in 0..7 {
        checkin(s, monday.plus_days(d), trust);
    }
}

fn week(i: i64, mean: Option<f64>, checkins: usize) -> WeekMean {
    WeekMean { week_of: start().plus_days(7 * i), mean, checkins }
}

fn series(means: &[Option<f64>]) -> Vec<WeekMean> {
    means.iter().enumerate().map(|(i, m)| week(i as i64, *m, if m.is_some() { 7 } else { 0 })).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// --- trends -----------------------------------------------------------------------------------

#[test]
fn a_trend_has_daily_points_and_a_seven_day_average_over_the_days_with_a_check_in() {
    let mut c = Couple::joined_on(start());
    let d0 = start().plus_days(-10);
    checkin(&mut c.a, d0, 4);
    checkin(&mut c.a, d0.plus_days(1), 6);
    checkin(&mut c.a, d0.plus_days(3), 8);
    let t = trends(c.a.shared(), Metric::Trust, d0, c.today());
    assert_eq!(t.len(), 2, "one trend per partner");
    assert_eq!(t[0].name, "Ana");
    assert_eq!(t[0].daily, vec![(d0, 4.0), (d0.plus_days(1), 6.0), (d0.plus_days(3), 8.0)]);
    let expected = [4.0, 5.0, 5.0, 6.0, 6.0, 6.0, 6.0, 7.0, 8.0, 8.0];
    let got: Vec<(Day, f64)> = t[0].average.clone();
    assert_eq!(got.len(), expected.len(), "no point once the window holds no check-in");
    for (i, (day, value)) in got.iter().enumerate() {
        assert_eq!(*day, d0.plus_days(i as i64));
        assert!(close(*value, expected[i]), "day {i}: {value} != {}", expected[i]);
    }
    assert!(t[1].daily.is_empty() && t[1].average.is_empty(), "Ben hasn't checked in");
}

#[test]
fn the_average_reaches_back_before_the_range_but_daily_points_stay_inside_it() {
    let mut c = Couple::joined_on(start());
    let d0 = start().plus_days(-10);
    checkin(&mut c.a, d0, 4);
    checkin(&mut c.a, d0.plus_days(1), 6);
    checkin(&mut c.a, d0.plus_days(3), 8);
    let t = trends(c.a.shared(), Metric::Trust, d0.plus_days(3), c.today());
    assert_eq!(t[0].daily, vec![(d0.plus_days(3), 8.0)]);
    assert_eq!(t[0].average.first(), Some(&(d0.plus_days(3), 6.0)));
}

#[test]
fn mood_is_read_from_the_same_check_ins() {
    let mut c = Couple::joined_on(start());
    c.a.save_checkin(CheckInDraft { mood: 5, trust: 2, ..Default::default() }).unwrap();
    let t = trends(c.a.shared(), Metric::Mood, start(), start());
    assert_eq!(t[0].daily, vec![(start(), 5.0)]);
}

#[test]
fn a_range_ends_today_and_never_starts_before_the_couple_began() {
    let mut c = Couple::joined_on(start().plus_days(200));
    let state = |c: &Couple| c.a.shared().clone();
    let today = c.today();
    assert_eq!(InsightRange::Last30Days.span(&state(&c), today), (today, today), "no history: just today");
    checkin(&mut c.a, today.plus_days(-10), 5);
    assert_eq!(InsightRange::Last30Days.span(&state(&c), today), (today.plus_days(-10), today));
    checkin(&mut c.a, today.plus_days(-200), 5);
    let s = state(&c);
    assert_eq!(InsightRange::Last30Days.span(&s, today), (today.plus_days(-29), today));
    assert_eq!(InsightRange::Last90Days.span(&s, today), (today.plus_days(-89), today));
    assert_eq!(InsightRange::LastYear.span(&s, today), (today.plus_days(-200), today));
    assert_eq!(InsightRange::All.span(&s, today), (today.plus_days(-200), today));
}

// --- promise consistency ----------------------------------------------------------------------

#[test]
fn promise_consistency_is_the_weekly_share_of_scheduled_days_kept_per_partner_and_together() {
    let mut c = Couple::joined_on(start());
    let daily = PromiseDraft { title: "Home by seven".into(), why: String::new(), cadence: Cadence::Daily };
    let weekly =
        PromiseDraft { title: "A walk".into(), why: String::new(), cadence: Cadence::PerWeek { times: 3 } };
    let p = c.a.create_promise(daily).unwrap().id;
    let q = c.b.create_promise(weekly).unwrap().id;
    c.go_to(start().plus_days(9)); // Wednesday of the second week
    for d in 0..5 {
        c.a.record_outcome(&p, start().plus_days(d), OutcomeKind::Kept, "").unwrap();
    }
    c.a.record_outcome(&p, start().plus_days(5), OutcomeKind::Partial, "").unwrap();
    c.a.record_outcome(&p, start().plus_days(6), OutcomeKind::Missed, "").unwrap();
    c.a.record_outcome(&p, start().plus_days(7), OutcomeKind::Kept, "").unwrap();
    // Day 8 is left unmarked and is over; day 9 is today and is never held against anyone.
    c.b.record_outcome(&q, start().plus_days(1), OutcomeKind::Kept, "").unwrap();
    c.b.record_outcome(&q, start().plus_days(3), OutcomeKind::Kept, "").unwrap();
    c.b.record_outcome(&q, start().plus_days(7), OutcomeKind::Kept, "").unwrap();
    c.sync();

    let pc = promise_consistency(c.a.shared(), start().plus_days(-7), c.today(), c.today());
    let shares =
        |weeks: &[insights::WeekShare]| -> Vec<Option<f64>> { weeks.iter().map(|w| w.share()).collect() };
    assert_eq!(pc.partners[0].name, "Ana");
    assert_eq!(shares(&pc.partners[0].weeks), vec![None, Some(5.5 / 7.0), Some(1.0 / 2.0)]);
    assert_eq!(
        shares(&pc.partners[1].weeks),
        vec![None, Some(2.0 / 3.0), Some(1.0)],
        "a week under way counts what is marked"
    );
    assert_eq!(shares(&pc.together), vec![None, Some(7.5 / 10.0), Some(2.0 / 3.0)]);
    assert_eq!((pc.together[1].kept, pc.together[1].slots), (7.5, 10));
    assert_eq!(pc.together[0].week_of, start().plus_days(-7));
}

// --- regularity -------------------------------------------------------------------------------

#[test]
fn regularity_counts_days_checked_in_out_of_the_days_that_could_hold_one() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(9));
    for d in [0, 1, 2, 4, 5, 7] {
        checkin(&mut c.a, start().plus_days(d), 6);
    }
    c.sync();
    let r = checkin_regularity(c.a.shared(), start().plus_days(-7), c.today(), c.today());
    let counts = |i: usize| r[i].weeks.iter().map(|w| (w.days, w.out_of)).collect::<Vec<_>>();
    assert_eq!(
        counts(0),
        vec![(0, 0), (5, 7), (1, 2)],
        "before joining nothing is possible; this week, the days already over (today is still to come)"
    );
    assert_eq!(counts(1), vec![(0, 0), (0, 7), (0, 2)]);
    let today = c.today();
    checkin(&mut c.a, today, 7);
    let r = checkin_regularity(c.a.shared(), start().plus_days(-7), c.today(), c.today());
    assert_eq!(r[0].weeks[2].days, 2);
    assert_eq!(r[0].weeks[2].out_of, 3, "today counts once checked in");
    assert_eq!(r[0].weeks[0].share(), None);
    assert_eq!(r[0].weeks[1].share(), Some(5.0 / 7.0));
}

// --- milestones -------------------------------------------------------------------------------

#[test]
fn milestones_fall_30_90_180_and_365_days_after_the_couple_began() {
    let began = start();
    let m = milestones_from(began, began.plus_days(29));
    assert_eq!(m.days_since, 29);
    assert_eq!(m.reached().count(), 0);
    let (next, left) = m.next.unwrap();
    assert_eq!((next.days, next.on, left), (30, began.plus_days(30), 1));

    let m = milestones_from(began, began.plus_days(30));
    assert_eq!(m.reached().map(|m| m.days).collect::<Vec<_>>(), vec![30]);
    assert_eq!(m.next.map(|(m, left)| (m.days, left)), Some((90, 60)));
    assert_eq!(
        m.all.iter().map(|m| m.label()).collect::<Vec<_>>(),
        ["30 days", "3 months", "6 months", "1 year"]
    );

    let m = milestones_from(began, began.plus_days(365));
    assert_eq!(m.reached().count(), 4);
    assert_eq!(m.next, None, "nothing left after a year");
}

#[test]
fn the_couple_began_at_their_first_profile_or_an_earlier_first_check_in() {
    let mut c = Couple::joined_on(start());
    assert_eq!(milestones(c.a.shared(), start()).unwrap().began, start());
    checkin(&mut c.b, start().plus_days(-40), 5);
    c.sync();
    let m = milestones(c.a.shared(), start()).unwrap();
    assert_eq!((m.began, m.days_since), (start().plus_days(-40), 40));
    assert_eq!(m.reached().map(|m| m.days).collect::<Vec<_>>(), vec![30]);
    assert!(milestones(&Default::default(), start()).is_none(), "no history, no milestones");
}

// --- decline detection ------------------------------------------------------------------------

#[test]
fn steady_trust_suggests_nothing() {
    assert_eq!(declining_run(&series(&[Some(7.0); 8])), None);
}

#[test]
fn noisy_but_flat_trust_suggests_nothing() {
    let s = [6.0, 7.0, 6.0, 7.0, 6.5, 6.0, 7.0, 6.0].map(Some);
    assert_eq!(declining_run(&series(&s)), None);
}

#[test]
fn trust_that_is_recovering_suggests_nothing() {
    let s = [8.0, 7.0, 6.0, 5.0, 6.0].map(Some);
    assert_eq!(declining_run(&series(&s)), None, "the latest week is higher again");
}

#[test]
fn three_weeks_of_decline_with_a_real_drop_are_noticed() {
    let s = [7.0, 8.0, 7.0, 6.0, 5.0].map(Some);
    let run = declining_run(&series(&s)).unwrap();
    assert_eq!(run.len(), DECLINE_WEEKS + 1, "the week before the decline, then each lower week");
    assert_eq!(run.first(), Some(&(start().plus_days(7), 8.0)));
    assert_eq!(run.last(), Some(&(start().plus_days(28), 5.0)));
}

#[test]
fn a_longer_decline_is_reported_in_full() {
    let s = [9.0, 8.0, 7.0, 6.0, 5.0].map(Some);
    assert_eq!(declining_run(&series(&s)).unwrap().len(), 5);
}

#[test]
fn two_weeks_of_decline_are_not_enough() {
    let s = [8.0, 8.0, 7.0, 5.0].map(Some);
    assert_eq!(declining_run(&series(&s)), None);
}

#[test]
fn a_slow_drift_below_the_meaningful_drop_is_not_enough() {
    let s = [7.0, 6.8, 6.6, 6.4].map(Some);
    assert_eq!(declining_run(&series(&s)), None);
}

#[test]
fn missing_or_thin_weeks_break_a_decline_rather_than_being_guessed() {
    let gap = [Some(9.0), Some(8.0), None, Some(7.0), Some(6.0), Some(5.0)];
    assert_eq!(declining_run(&series(&gap)), None, "only two declines since the gap");
    let mut thin = series(&[8.0, 7.0, 6.0, 5.0].map(Some));
    thin[3].checkins = 1;
    assert_eq!(declining_run(&thin), None, "one check-in is too thin to call a week lower");
    let mut latest_missing = series(&[8.0, 7.0, 6.0, 5.0].map(Some));
    latest_missing.push(week(4, None, 0));
    assert_eq!(declining_run(&latest_missing), None, "the most recent week must have data");
}

#[test]
fn a_couple_whose_trust_declined_three_complete_weeks_gets_a_calm_suggestion() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(30));
    for (i, trust) in [8, 7, 6, 5].into_iter().enumerate() {
        week_of(&mut c.a, start().plus_days(7 * i as i64), trust);
        week_of(&mut c.b, start().plus_days(7 * i as i64), trust);
    }
    c.sync();
    // Wednesday 2026-06-03: the four weeks from 4 May are complete.
    let s = counselor_suggestion(c.a.shared(), c.today()).unwrap();
    assert_eq!(
        s.weeks,
        vec![
            (start(), 8.0),
            (start().plus_days(7), 7.0),
            (start().plus_days(14), 6.0),
            (start().plus_days(21), 5.0)
        ]
    );
    assert!(s.reason_in_words.contains("you have both"), "{}", s.reason_in_words);
    assert!(s.reason_in_words.contains("from 8.0 to 5.0"));
    assert!(
        s.reason_in_words.contains("for 3 weeks or more in a row and by 1.5 points or more in all"),
        "the words say both conditions of the rule: {}",
        s.reason_in_words
    );
    assert!(s.reason_in_words.contains("counselor"));
    assert!(!s.reason_in_words.contains('!'), "calm words, no alarm");
    assert_eq!(c.b.shared().clone(), c.a.shared().clone());
    assert_eq!(counselor_suggestion(c.b.shared(), c.today()), Some(s), "both phones see the same");
}

#[test]
fn the_week_under_way_is_not_counted_toward_a_decline() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(23)); // Wednesday of the fourth week
    for (i, trust) in [8, 7, 6].into_iter().enumerate() {
        week_of(&mut c.a, start().plus_days(7 * i as i64), trust);
    }
    for d in 21..=23 {
        checkin(&mut c.a, start().plus_days(d), 5);
    }
    assert_eq!(counselor_suggestion(c.a.shared(), c.today()), None, "only two complete weeks of decline");
    c.go_to(start().plus_days(28));
    assert!(counselor_suggestion(c.a.shared(), c.today()).is_some(), "the fourth week is complete now");
}

#[test]
fn one_partners_decline_is_described_without_naming_anyone() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(30));
    for (i, trust) in [7, 6, 5, 4].into_iter().enumerate() {
        let monday = start().plus_days(7 * i as i64);
        checkin(&mut c.a, monday, trust);
        checkin(&mut c.a, monday.plus_days(2), trust);
        week_of(&mut c.b, monday, 9);
    }
    c.sync();
    let s = counselor_suggestion(c.a.shared(), c.today()).unwrap();
    assert_eq!(s.weeks.iter().map(|w| w.1).collect::<Vec<_>>(), vec![7.0, 6.0, 5.0, 4.0]);
    assert!(s.reason_in_words.contains("one of you"), "{}", s.reason_in_words);
    assert!(!s.reason_in_words.contains("Ana") && !s.reason_in_words.contains("Ben"));
}

#[test]
fn the_combined_weekly_mean_weighs_each_partner_equally_however_often_they_check_in() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(8));
    week_of(&mut c.a, start(), 2);
    checkin(&mut c.b, start(), 9);
    checkin(&mut c.b, start().plus_days(3), 9);
    c.sync();
    let combined = weekly_means(c.a.shared(), None, Metric::Trust, start(), start().plus_days(6));
    assert_eq!(combined.len(), 1);
    assert!(close(combined[0].mean.unwrap(), 5.5), "(2 + 9) / 2, not (7×2 + 2×9) / 9: {:?}", combined[0]);
    assert_eq!(combined[0].checkins, 2, "as well supported as the partner with fewer check-ins");
}

#[test]
fn a_combined_week_needs_both_partners_so_who_checked_in_cannot_move_it_alone() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(15));
    week_of(&mut c.a, start(), 5);
    week_of(&mut c.b, start(), 9);
    week_of(&mut c.a, start().plus_days(7), 5);
    c.sync();
    let combined = weekly_means(c.a.shared(), None, Metric::Trust, start(), start().plus_days(13));
    assert_eq!(combined[0].mean, Some(7.0));
    assert_eq!((combined[1].mean, combined[1].checkins), (None, 0), "Ben didn't check in that week");
}

#[test]
fn a_decline_only_seen_when_both_partners_weigh_the_same_is_noticed_together() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(30));
    // Ana checks in every day, Ben twice a week. Neither falls every single week on their own,
    // but together, each weighed the same, they fall 8 → 7 → 6.5 → 5.5. Pooling every check-in
    // would let Ana's 7 a week drown Ben's 2 and hide it (8, 6.4, 6.8, 5.2).
    for (i, (ana, ben)) in [(8, 8), (6, 8), (7, 6), (5, 6)].into_iter().enumerate() {
        let monday = start().plus_days(7 * i as i64);
        week_of(&mut c.a, monday, ana);
        checkin(&mut c.b, monday, ben);
        checkin(&mut c.b, monday.plus_days(3), ben);
    }
    c.sync();
    let s = counselor_suggestion(c.a.shared(), c.today()).unwrap();
    assert_eq!(s.weeks.iter().map(|w| w.1).collect::<Vec<_>>(), vec![8.0, 7.0, 6.5, 5.5]);
    assert!(s.reason_in_words.contains("taken together"), "{}", s.reason_in_words);
    assert!(!s.reason_in_words.contains("Ana") && !s.reason_in_words.contains("Ben"));
}

#[test]
fn three_lower_weeks_that_drop_less_than_the_meaningful_drop_are_not_mentioned() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(30));
    // Weekly means 7.0, 6.57, 6.29, 6.0: lower three weeks running, but only 1 point in all.
    for (i, sevens) in [7, 4, 2, 0].into_iter().enumerate() {
        let monday = start().plus_days(7 * i as i64);
        for d in 0..7 {
            let trust = if d < sevens { 7 } else { 6 };
            checkin(&mut c.a, monday.plus_days(d), trust);
            checkin(&mut c.b, monday.plus_days(d), trust);
        }
    }
    c.sync();
    const { assert!(MIN_TOTAL_DROP > 1.0) };
    assert_eq!(counselor_suggestion(c.a.shared(), c.today()), None);
}

#[test]
fn alone_the_suggestion_speaks_to_the_one_partner_who_is_recording() {
    let clock = Arc::new(ManualClock::at_noon(start(), 2));
    let mut a = Session::in_memory(clock.clone()).unwrap();
    a.create_profile("Ana").unwrap();
    clock.set(ManualClock::at_noon(start().plus_days(29), 2).now());
    for (i, trust) in [8, 7, 6, 5].into_iter().enumerate() {
        week_of(&mut a, start().plus_days(7 * i as i64), trust);
    }
    let s = counselor_suggestion(a.shared(), a.today()).unwrap();
    assert!(
        s.reason_in_words.contains("the trust you have been recording has eased"),
        "{}",
        s.reason_in_words
    );
}

// --- charts -----------------------------------------------------------------------------------

#[test]
fn a_trend_chart_holds_dots_and_an_average_line_per_partner_broken_at_gaps() {
    let mut c = Couple::joined_on(start());
    c.go_to(start().plus_days(30));
    for d in [0, 1, 3, 20] {
        checkin(&mut c.a, start().plus_days(d), 6);
    }
    let from = start();
    let chart =
        trend_chart(Metric::Trust, &trends(c.a.shared(), Metric::Trust, from, c.today()), from, c.today());
    assert_eq!(chart.series.len(), 4, "Ana and Ben, dots and line each");
    assert_eq!(chart.series[0].label, "Ana · daily");
    assert_eq!(chart.series[0].style, SeriesStyle::Dots);
    assert_eq!(chart.series[1].label, "Ana · 7-day average");
    let segments = chart.series[1].segments();
    assert_eq!(segments.len(), 2, "the line breaks where no check-in falls in the window");
    assert_eq!(segments[0].last().map(|p| p.0), Some(start().plus_days(9)));
    assert_eq!(segments[1].first().map(|p| p.0), Some(start().plus_days(20)));
    assert_eq!(chart.series[0].segments().len(), 1);
    assert_eq!((chart.x_fraction(from), chart.x_fraction(c.today())), (0.0, 1.0));
    assert_eq!((chart.y_range, chart.y_fraction(5.0), chart.y_fraction(12.0)), ((0.0, 10.0), 0.5, 1.0));
}

#[test]
fn the_full_insights_keep_every_point_inside_the_chosen_range() {
    let clock = Arc::new(ManualClock::at_noon(start().plus_days(120), 2));
    let mut s = Session::in_memory(clock).unwrap();
    s.create_profile("Ana").unwrap();
    s.generate_sample("Ben", SampleSpec::weeks(120)).unwrap();
    let today = s.today();
    for range in InsightRange::ALL {
        let i = Insights::compute(s.shared(), today, range);
        assert_eq!(i.to, today);
        for chart in [&i.charts.trust, &i.charts.mood, &i.charts.consistency, &i.charts.regularity] {
            assert!(!chart.is_empty(), "{} has points for {range:?}", chart.title);
            for series in &chart.series {
                for (day, value) in &series.points {
                    assert!(*day >= chart.x_days.0 && *day <= chart.x_days.1, "{} {day}", series.label);
                    assert!(
                        *value >= chart.y_range.0 && *value <= chart.y_range.1,
                        "{} {value}",
                        series.label
                    );
                }
            }
        }
    }
    let all = Insights::compute(s.shared(), today, InsightRange::All);
    assert_eq!(all.from, today.plus_days(-119));
    assert_eq!(all.milestones.unwrap().reached().map(|m| m.days).collect::<Vec<_>>(), vec![30, 90]);
    assert_eq!(Insights::compute(s.shared(), today, InsightRange::Last30Days).from, today.plus_days(-29));
}

#[test]
fn weekly_points_average_each_monday_to_sunday_week_on_its_monday() {
    let d = start();
    let daily = vec![
        (d, 4.0),
        (d.plus_days(2), 6.0),
        (d.plus_days(6), 8.0),
        (d.plus_days(7), 3.0),
        (d.plus_days(21), 9.0),
    ];
    assert_eq!(weekly_points(&daily), vec![(d, 6.0), (d.plus_days(7), 3.0), (d.plus_days(21), 9.0)]);
    assert!(weekly_points(&[]).is_empty());
}

#[test]
fn long_ranges_are_charted_as_weekly_averages_and_short_ones_day_by_day() {
    let clock = Arc::new(ManualClock::at_noon(start().plus_days(400), 2));
    let mut s = Session::in_memory(clock).unwrap();
    s.create_profile("Ana").unwrap();
    s.generate_sample("Ben", SampleSpec::weeks(400)).unwrap();
    let today = s.today();
    let daily = Insights::compute(s.shared(), today, InsightRange::Last90Days);
    assert_eq!(daily.charts.trust.series.len(), 4, "dots and a 7-day line per partner");
    assert_eq!(daily.charts.trust.series[0].points.len(), 90);
    assert!(daily.charts.trust.caption.contains("each day's check-in"));

    // Exactly at the limit, still day by day; one day past it, week by week.
    let at_limit = trends(s.shared(), Metric::Trust, today.plus_days(1 - DAILY_CHART_MAX_DAYS), today);
    let chart = trend_chart(Metric::Trust, &at_limit, today.plus_days(1 - DAILY_CHART_MAX_DAYS), today);
    assert_eq!(chart.series[0].style, SeriesStyle::Dots);
    let past = today.plus_days(-DAILY_CHART_MAX_DAYS);
    let chart = trend_chart(Metric::Trust, &trends(s.shared(), Metric::Trust, past, today), past, today);
    assert_eq!(chart.series.len(), 2, "one weekly line per partner");

    for range in [InsightRange::LastYear, InsightRange::All] {
        let i = Insights::compute(s.shared(), today, range);
        for chart in [&i.charts.trust, &i.charts.mood] {
            assert!(chart.caption.contains("week by week"), "{}", chart.caption);
            assert_eq!(chart.series.len(), 2, "{range:?}");
            for (series, trend) in chart.series.iter().zip(&i.trust) {
                assert_eq!(series.label, format!("{} · weekly average", trend.name));
                assert_eq!((series.style, series.step_days), (SeriesStyle::Line, 7));
                let weeks = i.from.days_until(i.to) / 7 + 2;
                assert!(
                    series.points.len() as i64 <= weeks,
                    "{} points for {weeks} weeks",
                    series.points.len()
                );
                assert!(series.points.iter().all(|(d, _)| mend_shared::schedule::week_start(*d) == *d));
            }
        }
        // The weekly point is the mean of that week's daily check-ins within the range.
        let first = &i.charts.trust.series[0].points[1];
        let week: Vec<f64> = i.trust[0]
            .daily
            .iter()
            .filter(|(d, _)| mend_shared::schedule::week_start(*d) == first.0)
            .map(|p| p.1)
            .collect();
        assert!(close(first.1, week.iter().sum::<f64>() / week.len() as f64));
    }
}
