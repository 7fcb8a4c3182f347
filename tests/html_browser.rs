//! The HTML report in a real browser: headless Chromium opens the page that
//! `indstat verify --format html` writes for the bundled briefing, runs its JavaScript, and a
//! test-only script (injected into a copy of the page, never shipped) clicks every verdict
//! filter, types searches, counts the visible claim rows and records every script error,
//! CSP violation and `console.error`. The test reads those results from the DOM Chromium
//! dumps, and also fails on any console message Chromium logs. It saves screenshots (desktop
//! and phone width) under `target/html-report/` for people to look at.
//!
//! Skipped, with a message, when no Chromium can be found (set `INDSTAT_BROWSER` to a
//! browser's path to choose one). With `INDSTAT_REQUIRE_BROWSER=1` (as `.ci/run` sets) a
//! missing browser is a failure instead.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use indstat::Dataset;
use indstat::verify::{Claims, HtmlContext, Unmatched, verify};

const BUNDLED_CLAIMS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/briefings/2023-03-01-scio-miit/claims.toml"
);

/// Installed before anything else runs: collects script errors (including failed resource
/// loads, which do not bubble, hence the capture phase), CSP violations, console errors and
/// dialogs (`alert(1)` is what an injection would run).
const HOOK: &str = r#"<script id="selftest-hook">
window.__problems = [];
window.addEventListener("error", function (e) {
  window.__problems.push("error: " + (e.message || (e.target && e.target.tagName) || "?"));
}, true);
document.addEventListener("securitypolicyviolation", function (e) {
  window.__problems.push("csp: " + e.violatedDirective + " " + e.blockedURI);
});
// A dialog would block a headless browser until the timeout: record it instead.
["alert", "confirm", "prompt"].forEach(function (name) {
  window[name] = function () {
    window.__problems.push(name + " called: " + Array.prototype.join.call(arguments, " "));
  };
});
["error", "warn"].forEach(function (level) {
  var original = console[level];
  console[level] = function () {
    window.__problems.push("console." + level + ": " + Array.prototype.join.call(arguments, " "));
    original.apply(console, arguments);
  };
});
</script>"#;

/// Runs after the page's own script: drives the filters and writes what it saw as JSON into
/// `<pre id="selftest-result">`. `__QUERY__` is replaced by the search to try.
const SELFTEST: &str = r##"<script id="selftest">
(function () {
  var out = {};
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
  function visible() {
    return rows.filter(function (r) { return r.offsetParent !== null; })
      .map(function (r) { return r.getAttribute("data-id"); });
  }
  var form = document.getElementById("filters");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-verdict]"));
  var search = form.querySelector("input[type=search]");
  function type(text) {
    search.value = text;
    search.dispatchEvent(new Event("input", { bubbles: true }));
  }
  out.rows = rows.length;
  out.formShown = form.offsetParent !== null;
  out.visibleAtStart = visible().length;
  out.shownText = document.getElementById("shown").textContent;
  out.hiddenWhenOff = {};
  out.visibleWhenOnlyOn = {};
  boxes.forEach(function (box) {
    var verdict = box.getAttribute("data-verdict");
    box.click();
    out.hiddenWhenOff[verdict] = out.visibleAtStart - visible().length;
    box.click();
    boxes.forEach(function (other) { if (other !== box) { other.click(); } });
    out.visibleWhenOnlyOn[verdict] = visible().length;
    boxes.forEach(function (other) { if (other !== box) { other.click(); } });
  });
  out.visibleAfterToggles = visible().length;
  type(__QUERY__);
  out.visibleForQuery = visible();
  type("zzz no claim says this zzz");
  out.visibleForNonsense = visible().length;
  type("");
  out.visibleAfterClear = visible().length;
  out.images = document.querySelectorAll("img").length;
  out.scripts = Array.prototype.map.call(document.querySelectorAll("script"), function (s) {
    return s.id || "page";
  });
  out.quotes = Array.prototype.map.call(document.querySelectorAll("article.claim blockquote"),
    function (q) { return q.textContent; });
  out.unmatched = Array.prototype.map.call(document.querySelectorAll("#unmatched li"),
    function (li) { return li.textContent; });
  out.problems = window.__problems;
  var pre = document.createElement("pre");
  pre.id = "selftest-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"##;

/// Unticks the `consistent` filter, for the screenshot of a filtered report.
const UNTICK_CONSISTENT: &str = r#"<script>document.querySelector('#filters input[data-verdict="consistent"]').click();</script></body>"#;

const RESULT_START: &str = "<pre id=\"selftest-result\">";

/// The browser to use, or why there is none.
fn browser() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("INDSTAT_BROWSER") {
        return Ok(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(format!(
        "no browser: none of {names:?} is on PATH and INDSTAT_BROWSER is unset (on Debian: apt-get install chromium)"
    ))
}

/// The browser, or `None` after saying why the test is skipped; a failure when CI requires it.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    match browser() {
        Ok(path) => Some(path),
        Err(why) if std::env::var_os("INDSTAT_REQUIRE_BROWSER").is_some() => {
            panic!("{test}: INDSTAT_REQUIRE_BROWSER is set but {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

/// Where the pages and screenshots go: `target/html-report/` (or under `CARGO_TARGET_DIR`).
fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("html-report");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `extra` arguments and returns (stdout, stderr).
/// The flags keep it off the network (the machine may have none, and Chromium otherwise hangs
/// on connection attempts); a fresh profile per run keeps runs independent.
fn chromium(browser: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = std::env::temp_dir().join(format!(
        "indstat-chromium-{}-{}",
        std::process::id(),
        page.file_stem().unwrap().to_string_lossy()
    ));
    let _ = fs::remove_dir_all(&profile);
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    // Read the pipes on threads so a chatty browser cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} did not finish within 60 s", browser.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out.join().unwrap().unwrap_or_default();
    let stderr = err.join().unwrap().unwrap_or_default();
    let _ = fs::remove_dir_all(&profile);
    assert!(status.success(), "browser exited with {status}: {stderr}");
    (stdout, stderr)
}

/// The JSON the self-test wrote into the dumped DOM.
fn selftest_result(dom: &str) -> serde_json::Value {
    let start = dom
        .find(RESULT_START)
        .unwrap_or_else(|| panic!("the self-test wrote no result; DOM:\n{dom}"))
        + RESULT_START.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    // The DOM serialiser escapes only these in text.
    let text = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad self-test JSON ({e}): {text}"))
}

/// The messages Chromium logged from the page's console (any level).
fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// Writes `page` with the self-test hooks to `dir/name` and runs it; returns the result.
fn run_selftest(
    browser: &Path,
    page: &str,
    dir: &Path,
    name: &str,
    query: &str,
) -> serde_json::Value {
    assert_eq!(page.matches("<head>").count(), 1);
    assert_eq!(page.matches("</body>").count(), 1);
    let query = serde_json::to_string(query).unwrap();
    let instrumented = page
        .replacen("<head>", &format!("<head>{HOOK}"), 1)
        .replacen(
            "</body>",
            &format!("{}</body>", SELFTEST.replace("__QUERY__", &query)),
            1,
        );
    let path = dir.join(name);
    fs::write(&path, instrumented).unwrap();
    let (dom, stderr) = chromium(
        browser,
        &path,
        &["--virtual-time-budget=5000", "--dump-dom"],
    );
    let console = console_lines(&stderr);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let result = selftest_result(&dom);
    assert_eq!(
        result["problems"],
        serde_json::json!([]),
        "errors in the page: {}",
        result["problems"]
    );
    result
}

/// The bundled claims file's claims, read with the toml crate rather than indstat.
fn bundled_claims() -> Vec<toml::Value> {
    let text = fs::read_to_string(BUNDLED_CLAIMS).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    doc["claim"].as_array().unwrap().clone()
}

fn count(value: &serde_json::Value) -> usize {
    usize::try_from(
        value
            .as_u64()
            .unwrap_or_else(|| panic!("not a count: {value}")),
    )
    .unwrap()
}

#[test]
fn bundled_report_filters_and_searches_in_chromium() {
    let Some(browser) = browser_or_skip("bundled_report_filters_and_searches_in_chromium") else {
        return;
    };
    let dir = out_dir();
    let page = Command::cargo_bin("indstat")
        .unwrap()
        .args(["verify", "--format", "html"])
        .output()
        .unwrap();
    assert!(page.status.success());
    let page = String::from_utf8(page.stdout).unwrap();
    let report_path = dir.join("report.html");
    fs::write(&report_path, &page).unwrap();

    // Expected figures from the claims file and the JSON report, not from the page.
    let claims = bundled_claims();
    let json = Command::cargo_bin("indstat")
        .unwrap()
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(findings.len(), claims.len());
    // Search for one claim's quote: exactly the claims quoting it must remain.
    let query = "accounting for 33.2% of GDP";
    let expected_ids: Vec<&str> = claims
        .iter()
        .filter(|c| {
            c.get("quote")
                .and_then(|q| q.as_str())
                .is_some_and(|q| q.contains(query))
        })
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!expected_ids.is_empty());

    let r = run_selftest(&browser, &page, &dir, "report-selftest.html", query);
    let n = claims.len();
    assert_eq!(count(&r["rows"]), n);
    assert_eq!(r["formShown"], true, "the script shows the filters");
    assert_eq!(count(&r["visibleAtStart"]), n);
    assert_eq!(r["shownText"], format!("{n} of {n} claims shown"));
    let verdicts = r["hiddenWhenOff"].as_object().unwrap();
    assert!(verdicts.len() >= 2, "{r}");
    for (verdict, hidden) in verdicts {
        let expected = findings.iter().filter(|f| f["verdict"] == *verdict).count();
        assert!(expected > 0);
        assert_eq!(count(hidden), expected, "unticking {verdict}");
        assert_eq!(
            count(&r["visibleWhenOnlyOn"][verdict]),
            expected,
            "only {verdict}"
        );
    }
    assert_eq!(count(&r["visibleAfterToggles"]), n);
    assert_eq!(r["visibleForQuery"], serde_json::json!(expected_ids));
    assert_eq!(count(&r["visibleForNonsense"]), 0);
    assert_eq!(count(&r["visibleAfterClear"]), n);
    assert_eq!(
        r["scripts"],
        serde_json::json!(["selftest-hook", "page", "selftest"])
    );

    // Screenshots for people to look at: the page as shipped, at desktop and phone width,
    // and with the `consistent` filter unticked (by a script added to a copy of the page).
    let filtered_path = dir.join("report-filtered.html");
    fs::write(
        &filtered_path,
        page.replacen("</body>", UNTICK_CONSISTENT, 1),
    )
    .unwrap();
    for (name, size, path) in [
        ("report-desktop.png", "1100,2400", &report_path),
        ("report-phone.png", "390,2000", &report_path),
        ("report-filtered.png", "1100,1600", &filtered_path),
    ] {
        let shot = dir.join(name);
        let _ = fs::remove_file(&shot);
        chromium(
            &browser,
            path,
            &[
                "--virtual-time-budget=5000",
                &format!("--window-size={size}"),
                &format!("--screenshot={}", shot.display()),
            ],
        );
        let png =
            fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot {}: {e}", shot.display()));
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{}",
            shot.display()
        );
        eprintln!("screenshot: {}", shot.display());
    }
    // And it prints: Chromium lays the page out for paper and writes a PDF.
    let pdf = dir.join("report.pdf");
    let _ = fs::remove_file(&pdf);
    chromium(
        &browser,
        &report_path,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF {}: {e}", pdf.display()));
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "{}",
        pdf.display()
    );
}

#[test]
fn hostile_quotes_stay_text_in_chromium() {
    let Some(browser) = browser_or_skip("hostile_quotes_stay_text_in_chromium") else {
        return;
    };
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let claims = Claims::parse(
        &format!(
            "[[claim]]\nid = \"gdp-2022\"\nquote = '{script} {img}'\nspeaker = '{img}'\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"121万亿\"\n\n[[claim]]\nid = \"missing\"\nquote = '{img}'\nkind = \"level\"\nseries = \"no{script}\"\nperiod = \"2022\"\nreported = \"1\"\n"
        ),
        "hostile.toml",
    )
    .unwrap();
    // A `check` page: the unmatched statements and the header carry hostile text too.
    let context = HtmlContext {
        checked: format!("transcript {script}"),
        data: vec![img.to_string()],
        unmatched: Some(vec![Unmatched {
            figure: script.into(),
            sentence: img.into(),
            reason: Some(script.into()),
        }]),
        ..HtmlContext::default()
    };
    let page = verify(&Dataset::bundled().unwrap(), &claims).html(&context);
    let r = run_selftest(
        &browser,
        &page,
        &out_dir(),
        "hostile-selftest.html",
        "onerror",
    );
    assert_eq!(count(&r["images"]), 0, "{r}");
    assert_eq!(
        r["scripts"],
        serde_json::json!(["selftest-hook", "page", "selftest"])
    );
    assert_eq!(
        r["quotes"][0].as_str().unwrap(),
        format!("“{script} {img}”— {img}")
    );
    assert_eq!(r["quotes"][1].as_str().unwrap(), format!("“{img}”"));
    assert_eq!(
        r["unmatched"],
        serde_json::json!([format!("{script} — {img}{script}")])
    );
    // The search finds the text of the markup, in both cards.
    assert_eq!(
        r["visibleForQuery"],
        serde_json::json!(["gdp-2022", "missing"])
    );
}
