//! `indstat extract` and `indstat check` on the bundled transcript and on bad input.

use assert_cmd::Command;
use predicates::prelude::*;

const TRANSCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/briefings/2023-03-01-scio-miit/transcript.txt"
);
const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference");

fn indstat() -> Command {
    Command::cargo_bin("indstat").expect("binary")
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("indstat-extract-{}-{name}", std::process::id()))
}

#[test]
fn extract_toml_is_a_claims_file_verify_accepts() {
    let out = indstat()
        .args([
            "extract", TRANSCRIPT, "--data", REFERENCE, "--format", "toml",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let draft = String::from_utf8(out.stdout).expect("utf-8");
    assert!(draft.contains("[[claim]]") && draft.contains("# unmatched:"));
    let claims = draft.matches("[[claim]]").count();
    let file = temp("draft.toml");
    std::fs::write(&file, &draft).expect("write");
    let report = indstat()
        .args(["verify", "--data", REFERENCE, "--claims"])
        .arg(&file)
        .output()
        .expect("run");
    let _ = std::fs::remove_file(&file);
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let text = String::from_utf8(report.stdout).expect("utf-8");
    // One report line per drafted claim: every claim id appears.
    for line in draft.lines().filter(|l| l.starts_with("id = ")) {
        let id = line.trim_start_matches("id = ").trim_matches('"');
        assert!(text.contains(id), "{id} missing from the report");
    }
    assert!(claims >= 10, "only {claims} claims drafted");
}

#[test]
fn extract_json_lists_statements_with_their_fields() {
    let out = indstat()
        .args(["extract", TRANSCRIPT, "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let list = v.as_array().expect("array");
    assert!(list.len() >= 60);
    let first = &list[0];
    for key in [
        "text",
        "value",
        "qualifier",
        "unit",
        "start",
        "end",
        "sentence",
        "measure",
        "period",
        "subject",
        "series",
    ] {
        assert!(first.get(key).is_some(), "no `{key}` in {first}");
    }
    // "China boasts 41 major industrial categories": hand-read from the transcript.
    assert_eq!(first["value"], "41");
    assert_eq!(first["subject"], "major industrial categories");
    // Without --data nothing is matched.
    assert!(list.iter().all(|s| s["series"].is_null()));
}

#[test]
fn check_reports_findings_with_offsets_and_the_unmatched() {
    let out = indstat()
        .args(["check", TRANSCRIPT, "--data", REFERENCE, "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = v["findings"].as_array().expect("findings");
    let unmatched = v["unmatched"].as_array().expect("unmatched");
    assert!(!findings.is_empty() && !unmatched.is_empty());
    for f in findings {
        assert!(f["start"].as_u64() < f["end"].as_u64(), "{f}");
        assert!(f["verdict"].is_string());
    }
    let five_g = findings
        .iter()
        .find(|f| {
            f["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("fiveg-base-stations-2022-level"))
        })
        .expect("the 5G base stations claim");
    assert_eq!(five_g["verdict"], "consistent");

    indstat()
        .args(["check", TRANSCRIPT])
        .assert()
        .success()
        .stdout(predicate::str::contains("could not be matched to a series"));
}

#[test]
fn bad_transcripts_are_clear_errors() {
    let file = temp("latin1.txt");
    std::fs::write(&file, b"caf\xe9 2.31 million").expect("write");
    indstat()
        .arg("extract")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8").and(predicate::str::contains("offset 3")));
    let _ = std::fs::remove_file(&file);
    indstat()
        .args(["check", "no/such/transcript.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/transcript.txt"));
    indstat()
        .args(["extract", TRANSCRIPT, "--date", "2023-13-01"])
        .assert()
        .code(2);
}

/// `indstat check --format html`: one card per drafted claim (counted from the JSON run of the
/// same command) and a section listing every unmatched statement.
#[test]
fn check_writes_the_html_report_with_the_unmatched_statements() {
    let run = |format: &str| {
        let out = indstat()
            .args(["check", TRANSCRIPT, "--format", format])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let findings = json["findings"].as_array().expect("findings").len();
    let unmatched = json["unmatched"].as_array().expect("unmatched");
    assert!(findings > 0 && !unmatched.is_empty());
    let page = run("html");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<article class=\"claim ").count(), findings);
    assert!(page.contains("transcript.txt"));
    // Every unmatched statement's figure is listed (escaped as the page escapes text).
    for item in unmatched {
        let figure = item["text"].as_str().expect("text");
        let escaped = figure
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            page.contains(&escaped),
            "unmatched `{figure}` missing from the page"
        );
    }
}
