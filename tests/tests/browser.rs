//! The app in a real browser: headless Chromium at a 390×844 phone viewport, two phones, a real
//! relay process. Screenshots of each main screen go to target/screenshots/.

mod browser {
    mod everyday;
    mod guard;
    mod parts;
    mod program;
    mod support;
}
