//! The HTML report without a browser: structure, counts, escaping of hostile text, links,
//! self-containment, the `check` section, and `indstat verify --format html`.
//! The browser test is tests/html_browser.rs.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use indstat::Dataset;
use indstat::verify::{Claims, Format, HtmlContext, Unmatched, verify};

const BUNDLED_CLAIMS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/briefings/2023-03-01-scio-miit/claims.toml"
);

const SCRIPT_TEXT: &str = "<script>alert(1)</script>";
const IMG_TEXT: &str = "\"><img src=x onerror=alert(1)>";

/// The claim ids of the bundled claims file, read with the toml crate, not with indstat.
fn bundled_claim_ids() -> Vec<String> {
    let text = fs::read_to_string(BUNDLED_CLAIMS).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    doc["claim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn bundled_page(context: &HtmlContext) -> String {
    verify(&Dataset::bundled().unwrap(), &Claims::bundled().unwrap()).html(context)
}

/// A fresh temporary directory for this test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("indstat-html-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A dataset folder and a claims file whose every free-text field is hostile markup.
fn hostile_inputs(test: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(test);
    fs::write(
        dir.join("sources.toml"),
        format!(
            r#"
[[source]]
id = "evil"
publisher = '{IMG_TEXT}'
title = "{}"
released = "2023-02-28"
url = "javascript:alert(1)"

[[source]]
id = "good"
publisher = "NBS"
title = "Statistical communique <2022>"
released = "2023-02-28"
url = "https://www.stats.gov.cn/english/?a=1&b=2"
"#,
            SCRIPT_TEXT
        ),
    )
    .unwrap();
    fs::write(
        dir.join("series.toml"),
        r#"
[[series]]
id = "cars"
name = "Cars <b>made</b>"
unit = "10 thousand vehicles"
frequency = "annual"
kind = "flow"
source = "evil"

[[series]]
id = "trucks"
name = "Trucks"
unit = "10 thousand vehicles"
frequency = "annual"
kind = "flow"
source = "good"
"#,
    )
    .unwrap();
    fs::write(
        dir.join("observations.csv"),
        "series,period,value\ncars,2022,705.8\ntrucks,2022,40.1\n",
    )
    .unwrap();
    let claims = dir.join("hostile-claims.toml");
    fs::write(
        &claims,
        format!(
            r#"
[[claim]]
id = "cars-2022"
quote = '{SCRIPT_TEXT} {IMG_TEXT}'
speaker = '{IMG_TEXT}'
kind = "level"
series = "cars"
period = "2022"
reported = "705.8万"

[[claim]]
id = "trucks-2022"
quote = "trucks"
kind = "level"
series = "trucks"
period = "2022"
reported = "40.1万"

[[claim]]
id = "missing-2022"
kind = "level"
series = "no{SCRIPT_TEXT}"
period = "2022"
reported = "1"
"#
        ),
    )
    .unwrap();
    (dir, claims)
}

fn hostile_page(test: &str) -> String {
    let (dir, claims) = hostile_inputs(test);
    let data = Dataset::open(std::slice::from_ref(&dir)).unwrap();
    let claims = Claims::load(&claims).unwrap();
    let context = HtmlContext {
        checked: format!("claims {SCRIPT_TEXT}"),
        data: vec![IMG_TEXT.to_string()],
        unmatched: Some(vec![Unmatched {
            figure: SCRIPT_TEXT.into(),
            sentence: IMG_TEXT.into(),
            reason: Some(SCRIPT_TEXT.into()),
        }]),
        ..HtmlContext::default()
    };
    let page = verify(&data, &claims).html(&context);
    let _ = fs::remove_dir_all(&dir);
    page
}

#[test]
fn bundled_report_has_one_card_per_claim_in_claim_order() {
    let ids = bundled_claim_ids();
    let page = bundled_page(&HtmlContext::default());
    assert_eq!(page.matches("<article class=\"claim ").count(), ids.len());
    // Each card carries its claim's id, in the claims file's order.
    let mut from = 0;
    for id in &ids {
        let needle = format!("data-id=\"{id}\"");
        let at = page[from..]
            .find(&needle)
            .unwrap_or_else(|| panic!("no card for {id} after byte {from}"));
        from += at + needle.len();
    }
    assert!(page.contains(&format!("{} claims: ", ids.len())));
}

#[test]
fn verdict_counts_and_bands_agree_with_the_json_report() {
    let report = verify(&Dataset::bundled().unwrap(), &Claims::bundled().unwrap());
    let json: serde_json::Value =
        serde_json::from_str(&report.render(Format::Json, false)).unwrap();
    let findings = json.as_array().unwrap();
    let page = report.html(&HtmlContext::default());
    for verdict in ["consistent", "inconsistent", "unverifiable"] {
        let n = findings.iter().filter(|f| f["verdict"] == verdict).count();
        assert!(n > 0, "the briefing has {verdict} claims");
        assert_eq!(
            page.matches(&format!("data-verdict=\"{verdict}\" data-id="))
                .count(),
            n,
            "{verdict} cards"
        );
        // The filter for it, with its count.
        assert!(page.contains(&format!(
            "<input type=\"checkbox\" data-verdict=\"{verdict}\" checked>"
        )));
        assert!(
            page.contains(&format!(" {n} {verdict}")),
            "summary counts {verdict}"
        );
    }
    let both = findings
        .iter()
        .filter(|f| !f["reported"].is_null() && !f["computed"].is_null())
        .count();
    assert!(both > 0);
    assert_eq!(page.matches("<svg class=\"band\"").count(), both);
}

#[test]
fn legend_explains_every_verdict_in_words_and_symbols() {
    let page = bundled_page(&HtmlContext::default());
    let legend = &page[page.find("<table class=\"legend\">").unwrap()..];
    let legend = &legend[..legend.find("</table>").unwrap()];
    for (verdict, symbol) in [
        ("consistent", "✓"),
        ("approximate", "≈"),
        ("inconsistent", "✗"),
        ("unverifiable", "?"),
        ("invalid", "!"),
    ] {
        let badge = format!(
            "<span class=\"badge v-{verdict}\"><span class=\"sym\" aria-hidden=\"true\">{symbol}</span>{verdict}</span>"
        );
        assert!(legend.contains(&badge), "legend lacks {badge}");
    }
    assert!(legend.contains("truncated") && legend.contains("bound"));
}

#[test]
fn hostile_text_appears_as_text() {
    let page = hostile_page("escape");
    // Our own single script, and no other markup from the inputs.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<b>made"), "{page}");
    assert!(!page.contains("onerror=alert(1)>"), "{page}");
    // The quote, speaker, source title, publisher, series id in a note, header and the
    // unmatched statement, each escaped.
    let script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let img = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    assert!(page.contains(&format!("“{script} {img}”")), "quote");
    assert!(page.contains(&format!("<cite>— {img}</cite>")), "speaker");
    assert!(
        page.contains(&format!(
            "{img}, <cite>{script}</cite>, released 2023-02-28"
        )),
        "source"
    );
    assert!(
        page.contains(&format!("no{script}")),
        "note naming the series"
    );
    assert!(
        page.contains(&format!("<dd>claims {script}</dd>")),
        "header"
    );
    assert!(page.contains(&format!("<li>{img}</li>")), "data folder");
    assert!(
        page.contains(&format!(
            "<strong>{script}</strong> — <q>{img}</q><br><small>{script}</small>"
        )),
        "unmatched"
    );
}

#[test]
fn only_web_urls_become_links() {
    let page = hostile_page("links");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(page.contains(
        "<a href=\"https://www.stats.gov.cn/english/?a=1&amp;b=2\" rel=\"noopener noreferrer\"><cite>Statistical communique &lt;2022&gt;</cite></a>"
    ));
    assert_eq!(page.matches("<a href=").count(), 1);
}

#[test]
fn page_fetches_nothing() {
    let page = bundled_page(&HtmlContext::default());
    assert!(
        page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    for fetch in ["<link", " src=", "@import", "url(", "<iframe", "<object"] {
        assert!(!page.contains(fetch), "page contains {fetch}");
    }
}

#[test]
fn page_is_complete_without_javascript() {
    let page = bundled_page(&HtmlContext::default());
    // The filters appear only when the script runs; no claim starts hidden.
    assert!(page.contains("<form id=\"filters\" hidden"));
    let cards: Vec<&str> = page.split("<article ").skip(1).collect();
    assert_eq!(cards.len(), bundled_claim_ids().len());
    for card in cards {
        let tag = &card[..card.find('>').unwrap()];
        assert!(!tag.contains("hidden"), "{tag}");
    }
    // Mobile and print.
    assert!(page.contains("name=\"viewport\" content=\"width=device-width"));
    assert!(page.contains("@media print"));
}

#[test]
fn check_reports_show_unmatched_statements_and_verify_reports_do_not() {
    let none = bundled_page(&HtmlContext::default());
    assert!(!none.contains("id=\"unmatched\""));
    let empty = bundled_page(&HtmlContext {
        unmatched: Some(Vec::new()),
        ..HtmlContext::default()
    });
    assert!(empty.contains("Statements that matched no series (0)"));
    assert!(empty.contains("Every figure statement"));
    let two = bundled_page(&HtmlContext {
        checked: "transcript scio.txt".into(),
        unmatched: Some(vec![
            Unmatched {
                figure: "3.5万".into(),
                sentence: "培训3.5万人次。".into(),
                reason: Some("no series is named 人次".into()),
            },
            Unmatched {
                figure: "more than 100".into(),
                sentence: "We held more than 100 meetings.".into(),
                reason: None,
            },
        ]),
        ..HtmlContext::default()
    });
    assert!(two.contains("Statements that matched no series (2)"));
    assert!(two.contains("<strong>3.5万</strong> — <q>培训3.5万人次。</q>"));
    assert!(
        two.contains("<strong>more than 100</strong> — <q>We held more than 100 meetings.</q>")
    );
    assert!(two.contains("<dd>transcript scio.txt</dd>"));
}

#[test]
fn format_html_parses_and_renders_the_page() {
    assert_eq!("HTML".parse::<Format>().unwrap(), Format::Html);
    let report = verify(&Dataset::bundled().unwrap(), &Claims::bundled().unwrap());
    assert_eq!(
        report.render(Format::Html, true),
        report.html(&HtmlContext::default())
    );
}

#[test]
fn cli_verify_format_html_writes_the_page() {
    let out = Command::cargo_bin("indstat")
        .unwrap()
        .args(["verify", "--format", "html"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert_eq!(
        page.matches("<article class=\"claim ").count(),
        bundled_claim_ids().len()
    );
    assert!(page.contains("<dt>Checked</dt><dd>the bundled claims of the SCIO briefing"));
    assert!(page.contains("<dt>Date</dt><dd>20"));
}

#[test]
fn cli_verify_format_html_names_the_claims_file_and_data() {
    let (dir, claims) = hostile_inputs("cli");
    let out = Command::cargo_bin("indstat")
        .unwrap()
        .args(["verify", "--format", "html", "--data"])
        .arg(&dir)
        .arg("--claims")
        .arg(&claims)
        .output()
        .unwrap();
    let _ = fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(&format!("claims file {}", claims.display())));
    assert!(page.contains(&format!("<li>{}</li>", dir.display())));
    assert_eq!(page.matches("<article class=\"claim ").count(), 3);
    assert_eq!(page.matches("<script").count(), 1);
}
