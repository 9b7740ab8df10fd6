//! Onboarding: a name, what is private and what is shared, then invite, join, or start alone.

mod support;

use mend_mobile::services::ServiceError;
use std::sync::Arc;
use support::services::CODE;
use support::{FakePairing, Screen, TestPhone};

/// Through the name step to the three ways to begin.
fn to_choices(screen: &mut Screen) {
    screen.input("onboarding-name", "Ana");
    screen.click("onboarding-continue");
}

#[test]
fn a_new_phone_starts_with_onboarding_that_says_what_is_private_and_what_is_shared() {
    let phone = TestPhone::fresh();
    let screen = Screen::new(&phone.phone);
    assert!(screen.shows("Welcome to Mend"));
    let privacy = screen.text("privacy-note");
    assert!(privacy.contains("never leave this phone"), "{privacy}");
    assert!(privacy.contains("end-to-end encrypted"), "{privacy}");
    assert!(screen.tag("onboarding-name").contains("aria-invalid=\"false\""));
    assert!(!screen.has("tab-today"), "no tabs before there is a profile");
}

#[test]
fn an_empty_name_is_refused_next_to_the_field_and_nothing_is_saved() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    screen.input("onboarding-name", "   ");
    screen.click("onboarding-continue");
    assert_eq!(screen.text("onboarding-name-error"), "name can't be empty");
    assert!(screen.tag("onboarding-name").contains("aria-invalid=\"true\""));
    assert!(
        screen.tag("onboarding-name").contains("onboarding-name-error"),
        "the error is tied to the field"
    );
    assert!(phone.with(|s| s.me().is_none()));
}

#[test]
fn starting_on_my_own_makes_the_profile_and_opens_today() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    screen.input("onboarding-name", " Ana ");
    screen.click("onboarding-continue");
    assert!(screen.shows("Hi Ana"));
    assert!(screen.has("onboarding-invite") && screen.has("onboarding-join"));
    assert_eq!(phone.with(|s| s.me().unwrap().name.clone()), "Ana");
    screen.click("onboarding-alone");
    assert!(screen.has("tab-today"));
    assert!(screen.shows("Today's check-in"));
}

#[test]
fn without_pairing_on_this_phone_inviting_says_so_kindly_and_lets_me_step_back() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    assert!(screen.text("pair-status").contains("pair later from Settings"));
    screen.click("pair-cancel");
    assert!(screen.has("onboarding-alone"));
}

#[tokio::test]
async fn inviting_shows_a_code_waits_for_the_partner_and_then_continues() {
    let test_phone = TestPhone::fresh();
    let pairing = Arc::new(FakePairing::on(&test_phone));
    let phone = test_phone.phone.clone().with_pairing(pairing.clone());
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    screen.settle().await;
    assert_eq!(screen.text("pair-code"), CODE);
    assert_eq!(screen.text("pair-status"), "Waiting for your partner…");
    pairing.accept(Ok(()));
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("You're paired"));
    screen.click("pair-done");
    assert!(screen.has("tab-today"));
}

#[tokio::test]
async fn an_invitation_that_fails_says_why_and_can_be_tried_again() {
    let test_phone = TestPhone::fresh();
    let pairing = Arc::new(FakePairing::on(&test_phone));
    let phone = test_phone.phone.clone().with_pairing(pairing.clone());
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    screen.settle().await;
    pairing.accept(Err(ServiceError::new("The code expired before your partner joined.")));
    screen.settle().await;
    assert_eq!(screen.text("pair-status"), "The code expired before your partner joined.");
    screen.click("pair-retry");
    screen.settle().await;
    assert_eq!(screen.text("pair-code"), CODE, "a fresh invitation");
}

#[tokio::test]
async fn joining_with_a_wrong_code_shows_the_reason_and_the_right_code_pairs() {
    let test_phone = TestPhone::fresh();
    let pairing = Arc::new(FakePairing::on(&test_phone));
    let phone = test_phone.phone.clone().with_pairing(pairing);
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-join");
    assert!(screen.tag("pair-join").contains("disabled"), "nothing to join with yet");
    screen.input("pair-code-input", "7-harbor-lantern-loud");
    screen.click("pair-join");
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("That code didn't work"));
    screen.click("pair-retry");
    screen.input("pair-code-input", CODE);
    screen.click("pair-join");
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("You're paired"));
}
