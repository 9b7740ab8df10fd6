//! axe-core, Deque's accessibility engine, run inside the page the browser shows. It comes from
//! the npm package `axe-core` pinned in `tests/package.json` (`npm ci --prefix tests`, which
//! `.ci/run` does), so every machine checks with the same rules.

use serde_json::Value;
use std::path::PathBuf;
use thirtyfour::prelude::*;

/// Where `npm ci --prefix tests` puts the engine.
fn axe_source_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
}

/// Run axe-core on the page as it is now and fail on any serious or critical violation, naming
/// each rule, its help text and the elements it found; `screen` says where in the app we are.
pub async fn assert_accessible(driver: &WebDriver, screen: &str) {
    let violations = serious_violations(driver).await;
    assert!(
        violations.is_empty(),
        "axe-core found serious or critical accessibility problems on {screen}:\n{}",
        violations.join("\n")
    );
}

/// Every serious or critical violation on the page, one line each.
pub async fn serious_violations(driver: &WebDriver) -> Vec<String> {
    let path = axe_source_path();
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core isn't installed at {} ({e}): run `npm ci --prefix tests` once", path.display())
    });
    // A script element runs the engine in the page's global scope, once per page.
    driver
        .execute(
            "if (!window.axe) { const s = document.createElement('script'); s.textContent = arguments[0]; \
             document.head.appendChild(s); }",
            vec![Value::String(source)],
        )
        .await
        .expect("inject axe-core");
    let found = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
               resultTypes: ['violations'],
               // Off by default as 'experimental'; it is the rule the mood buttons once broke.
               rules: { 'label-content-name-mismatch': { enabled: true } },
             })
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' +
                   v.nodes.map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')').join('; '))))
               .catch(e => done(['axe-core could not run: ' + e]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    found.convert::<Vec<String>>().expect("axe-core's findings as text")
}
