//! Integration tests for the `indstat` command line (src/bin/indstat.rs): `verify` in its three
//! formats, with bundled, given and broken data and claims; `show` with transforms; `list`;
//! usage errors. Exit status: 0 when a run completes (whatever the verdicts), 2 on bad input or
//! usage, with the message on stderr and nothing on stdout.
//!
//! Expected figures are derived here from the official numbers (705.8 and 354.5 (10 thousand
//! vehicles) of NEV production in 2022 and 2021), never copied from the binary's output.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn indstat() -> Command {
    let mut cmd = Command::cargo_bin("indstat").unwrap();
    // Colour is only for terminals; make sure the environment does not decide for the tests.
    cmd.env_remove("NO_COLOR");
    cmd
}

fn data(folder: &str) -> PathBuf {
    Path::new(REPO).join("data").join(folder)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A fresh, empty temporary directory unique to this test and process.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("indstat-cli-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the command, expects exit 0 and returns stdout.
fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// Runs the command, expects exit 2 with an empty stdout and returns stderr.
fn usage_error(cmd: &mut Command) -> String {
    let out = cmd
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// Parses a JSON report and returns its findings.
fn findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}:\n{json}"));
    v.as_array().expect("the JSON report is an array").clone()
}

fn finding<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no finding `{id}`"))
}

/// Asserts `v` is `null` or `{ "low": …, "high": … }` with decimal strings or null bounds.
#[track_caller]
fn assert_interval_or_null(v: &Value) {
    if v.is_null() {
        return;
    }
    for bound in ["low", "high"] {
        match &v[bound] {
            Value::Null => {}
            Value::String(s) => {
                assert!(
                    s.parse::<Decimal>().is_ok(),
                    "`{s}` is not a decimal in {v}"
                )
            }
            other => panic!("`{bound}` is {other}, not a string or null, in {v}"),
        }
    }
    assert!(
        v.get("low").is_some() && v.get("high").is_some(),
        "missing low/high in {v}"
    );
}

mod verify {
    use super::*;

    #[test]
    fn no_arguments_verifies_the_bundled_briefing() {
        let out = stdout_of(&mut indstat());
        assert!(out.contains("claims:"), "{out}");
        assert!(out.contains("industry-share-of-gdp-2022"), "{out}");
        assert!(out.contains("smes-2022"), "{out}");
        assert!(!out.contains('\x1b'), "ANSI escape in piped output:\n{out}");
    }

    #[test]
    fn the_summary_counts_add_up() {
        let out = stdout_of(&mut indstat());
        let summary = out
            .lines()
            .find(|l| l.contains("claims:"))
            .expect("a summary line");
        // "49 claims: 29 consistent, 6 approximate, 6 inconsistent, 8 unverifiable"
        let numbers: Vec<usize> = summary
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(numbers.len(), 5, "{summary}");
        assert_eq!(
            numbers[0],
            numbers[1] + numbers[2] + numbers[3] + numbers[4],
            "{summary}"
        );
        for word in ["consistent", "approximate", "inconsistent", "unverifiable"] {
            assert!(summary.contains(word), "{summary}");
        }
        // The counts are the JSON report's verdicts, counted here.
        let json = stdout_of(indstat().args(["verify", "--format", "json"]));
        let all = findings(&json);
        assert_eq!(all.len(), numbers[0]);
        let count = |v: &str| all.iter().filter(|f| f["verdict"] == v).count();
        assert_eq!(
            [numbers[1], numbers[2], numbers[3], numbers[4]],
            [
                count("consistent"),
                count("approximate"),
                count("inconsistent"),
                count("unverifiable")
            ]
        );
    }

    #[test]
    fn the_table_labels_graded_verdicts_and_aligns_cjk_figures() {
        let out = stdout_of(&mut indstat());
        // 7.05 million for 705.8万: truncated; "exceeding 6.5 million" for it: a bound.
        let row = |id: &str| {
            out.lines()
                .find(|l| l.split_whitespace().any(|w| w == id))
                .unwrap_or_else(|| panic!("no row `{id}`:\n{out}"))
                .to_string()
        };
        assert!(row("nev-production-2022").starts_with("approximate (truncated)"));
        assert!(
            row("nev-production-2022-exceeding-6-5-million").starts_with("approximate (bound)")
        );
        assert!(row("smes-2022").starts_with("inconsistent "));
        // "88.7万" takes five terminal columns (万 is two): the computed column still starts
        // where its header does.
        let header = out.lines().next().unwrap();
        let column = |line: &str, at: usize| unicode_width::UnicodeWidthStr::width(&line[..at]);
        let start = column(header, header.find("COMPUTED FROM DATA").unwrap());
        let built = row("fiveg-base-stations-built-2022");
        assert!(built.contains("88.7万"), "{built}");
        // 231.2 − 142.5 = 88.7, each ± 0.05: the computed cell opens with (88.6.
        let cell = built.find("(88.6").unwrap();
        assert_eq!(column(&built, cell), start, "{header}\n{built}");
        let plain = row("smes-2022");
        let cell = plain.rfind('[').unwrap();
        assert_eq!(column(&plain, cell), start, "{header}\n{plain}");
    }

    #[test]
    fn verify_is_the_default_command() {
        let default = stdout_of(&mut indstat());
        let explicit = stdout_of(indstat().arg("verify"));
        assert_eq!(default, explicit);
    }

    #[test]
    fn markdown() {
        let out = stdout_of(indstat().args(["verify", "--format", "markdown"]));
        assert!(out.starts_with("| claim | verdict |"), "{out}");
        assert!(out.contains("| smes-2022 |"), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn json() {
        let out = stdout_of(indstat().args(["verify", "--format", "json"]));
        let all = findings(&out);
        assert!(all.len() >= 30);
        for f in &all {
            for key in [
                "id",
                "verdict",
                "reading",
                "computed",
                "reported",
                "note",
                "quote",
                "reported_text",
            ] {
                assert!(f.get(key).is_some(), "no `{key}` in {f}");
            }
            assert!(f["id"].is_string(), "{f}");
            let verdict = f["verdict"].as_str().unwrap_or("");
            assert!(
                ["consistent", "approximate", "inconsistent", "unverifiable"].contains(&verdict),
                "{f}"
            );
            // A reading exactly when the figure meets the data under one.
            let reading = f["reading"].as_str();
            match verdict {
                "consistent" => assert!(
                    matches!(reading, Some("rounded" | "truncated" | "bound")),
                    "{f}"
                ),
                "approximate" => {
                    assert!(matches!(reading, Some("truncated" | "bound")), "{f}")
                }
                _ => assert!(f["reading"].is_null(), "{f}"),
            }
            assert_interval_or_null(&f["computed"]);
            assert_interval_or_null(&f["reported"]);
            assert!(f["reported_text"].is_string(), "{f}");
        }
        assert_eq!(finding(&all, "smes-2022")["verdict"], "inconsistent");
        // "accounting for 33.2% of GDP": 401644 / 1210207 = 33.188…% rounds to 33.2%.
        assert_eq!(
            finding(&all, "industry-share-of-gdp-2022")["verdict"],
            "consistent"
        );
        let share = finding(&all, "industry-share-of-gdp-2022");
        assert_eq!(share["reported"]["low"], "33.15");
        assert_eq!(share["reported"]["high"], "33.25");
        // "exceeded 6.5 million", read strictly, has no upper bound.
        assert!(
            all.iter()
                .any(|f| !f["reported"].is_null() && f["reported"]["high"].is_null())
        );
    }

    #[test]
    fn data_folders_with_their_claims_file() {
        let out = stdout_of(
            indstat()
                .arg("verify")
                .arg("--data")
                .arg(data("reference"))
                .arg("--data")
                .arg(data("briefings/2023-03-01-scio-miit")),
        );
        assert!(out.contains("claims:"), "{out}");
        assert!(out.contains("smes-2022"), "{out}");
    }

    #[test]
    fn data_folder_without_claims_is_an_error() {
        let err = usage_error(indstat().arg("verify").arg("--data").arg(data("reference")));
        assert!(err.contains("claims"), "{err}");
    }

    #[test]
    fn a_claims_file_against_the_bundled_data() {
        let dir = temp_dir("claims-ok");
        let claims = dir.join("claims.toml");
        fs::write(
            &claims,
            r#"# NEV production 2022 was 705.8 (10 thousand vehicles).
[[claim]]
id = "exact"
kind = "level"
series = "nev_production"
period = "2022"
reported = "705.8万辆"

[[claim]]
id = "rounded"
kind = "level"
series = "nev_production"
period = "2022"
reported = "7.06 million"

[[claim]]
id = "truncated"
kind = "level"
series = "nev_production"
period = "2022"
reported = "7.05 million"

[[claim]]
id = "missing-year"
kind = "level"
series = "nev_production"
period = "2019"
reported = "1.2 million"
"#,
        )
        .unwrap();
        let out = stdout_of(
            indstat()
                .args(["verify", "--format", "json", "--claims"])
                .arg(&claims),
        );
        let _ = fs::remove_dir_all(&dir);
        let all = findings(&out);
        assert_eq!(all.len(), 4);
        // [705.75, 705.85) lies in [705.75, 705.85), in [705.5, 706.5) ("7.06 million"),
        // and outside [704.5, 705.5) ("7.05 million" rounded) but inside [705, 706) (truncated);
        // 2019 has no value.
        assert_eq!(finding(&all, "exact")["verdict"], "consistent");
        assert_eq!(finding(&all, "rounded")["verdict"], "consistent");
        assert_eq!(finding(&all, "truncated")["verdict"], "approximate");
        assert_eq!(finding(&all, "truncated")["reading"], "truncated");
        assert_eq!(finding(&all, "missing-year")["verdict"], "unverifiable");
        assert_eq!(finding(&all, "truncated")["reported_text"], "7.05 million");
    }

    #[test]
    fn a_broken_dataset_is_exit_2_naming_file_and_line() {
        let dir = temp_dir("broken-data");
        fs::write(
            dir.join("sources.toml"),
            "[[source]]\nid = \"s\"\npublisher = \"NBS\"\ntitle = \"t\"\nreleased = \"2023-02-28\"\n",
        )
        .unwrap();
        fs::write(
            dir.join("series.toml"),
            "[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\nsource = \"s\"\n",
        )
        .unwrap();
        fs::write(
            dir.join("observations.csv"),
            "series,period,value\ngdp,2021,1143670\ngdp,2022,1,210,207\n",
        )
        .unwrap();
        fs::write(
            dir.join("claims.toml"),
            "[[claim]]\nid = \"a\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n",
        )
        .unwrap();
        let err = usage_error(indstat().arg("verify").arg("--data").arg(&dir));
        let _ = fs::remove_dir_all(&dir);
        assert!(err.contains("observations.csv line 3:"), "{err}");
        assert!(err.contains("fields"), "{err}");
    }

    #[test]
    fn a_malformed_claims_file_is_exit_2_naming_file_and_line() {
        let dir = temp_dir("broken-claims");
        let claims = dir.join("claims.toml");
        fs::write(
            &claims,
            "[[claim]]\nid = \"a\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n\n[[claim]]\nid = \"b\"\nkind = \"mean\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n",
        )
        .unwrap();
        let err = usage_error(indstat().args(["verify", "--claims"]).arg(&claims));
        let _ = fs::remove_dir_all(&dir);
        // The `kind = "mean"` line of the second claim.
        assert!(err.contains("claims.toml line 10: claim `b`"), "{err}");
        assert!(err.contains("mean"), "{err}");
    }

    #[test]
    fn year_end_base_and_a_share_of_a_sum_from_the_command_line() {
        let dir = temp_dir("year-end");
        fs::write(
            dir.join("sources.toml"),
            "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\nreleased = \"2023-04-20\"\n",
        )
        .unwrap();
        let series = |id: &str| {
            format!(
                "[[series]]\nid = \"{id}\"\nname = \"{id}\"\nunit = \"10 thousand households\"\nfrequency = \"monthly\"\nkind = \"stock\"\nsource = \"s\"\n\n"
            )
        };
        fs::write(
            dir.join("series.toml"),
            series("fibre") + &series("copper") + &series("wireless"),
        )
        .unwrap();
        fs::write(
            dir.join("observations.csv"),
            "series,period,value\nfibre,2022-03,50000\nfibre,2022-12,52000\nfibre,2023-03,57000\ncopper,2023-03,3000\nwireless,2023-03,0\n",
        )
        .unwrap();
        // 比上年末: 57000 − 52000 = 5000 万户 (year on year it would be 7000). Fibre's share of
        // fibre + copper + wireless: 57000 / 60000 = 95%.
        assert_eq!(57_000 - 52_000, 5_000);
        assert_eq!(57_000 * 100 / (57_000 + 3_000), 95);
        fs::write(
            dir.join("claims.toml"),
            "[[claim]]\nid = \"since-year-end\"\nkind = \"difference\"\nseries = \"fibre\"\nperiod = \"2023-03\"\nreported = \"5000万\"\nover = \"year-end\"\n\n\
             [[claim]]\nid = \"since-december\"\nkind = \"difference\"\nseries = \"fibre\"\nperiod = \"2023-03\"\nreported = \"5000万\"\nbase = \"2022-12\"\n\n\
             [[claim]]\nid = \"share\"\nkind = \"share\"\nseries = \"fibre\"\nof = [\"fibre\", \"copper\", \"wireless\"]\nperiod = \"2023-03\"\nreported = \"95%\"\n",
        )
        .unwrap();
        let out = stdout_of(
            indstat()
                .args(["verify", "--format", "json", "--data"])
                .arg(&dir),
        );
        let _ = fs::remove_dir_all(&dir);
        let all = findings(&out);
        for id in ["since-year-end", "since-december", "share"] {
            assert_eq!(finding(&all, id)["verdict"], "consistent", "{id}: {out}");
        }
        let inputs = finding(&all, "since-year-end")["inputs"]
            .as_array()
            .unwrap();
        assert_eq!(inputs[1]["period"], "2022-12");
    }

    const THREE_BAD: &str = "[[claim]]\nid = \"ok\"\nkind = \"level\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"705.8万\"\n\n\
        [[claim]]\nid = \"bad-kind\"\nkind = \"mean\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n\n\
        [[claim]]\nid = \"bad-figure\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"lots\"\n\n\
        [[claim]]\nid = \"bad-of\"\nkind = \"ratio\"\nseries = \"gdp\"\nof = [\"a\", \"b\"]\nperiod = \"2022\"\nreported = \"1\"\n";

    #[test]
    fn every_bad_claim_is_reported_in_one_run() {
        let dir = temp_dir("three-bad-claims");
        let claims = dir.join("claims.toml");
        fs::write(&claims, THREE_BAD).unwrap();
        let err = usage_error(indstat().args(["verify", "--claims"]).arg(&claims));
        let _ = fs::remove_dir_all(&dir);
        // Lines: `kind = "mean"` is line 10, `reported = "lots"` line 20, `of = [...]` line 26.
        for (line, id, why) in [
            (10, "bad-kind", "invalid claim kind `mean`"),
            (20, "bad-figure", "`reported`: invalid figure `lots`"),
            (
                26,
                "bad-of",
                "`of` takes one series id (a string) for a ratio claim",
            ),
        ] {
            let expected = format!("claims.toml line {line}: claim `{id}`: {why}");
            assert!(err.contains(&expected), "{expected}\nnot in:\n{err}");
        }
        assert!(!err.contains("invalid type"), "{err}");
    }

    #[test]
    fn keep_going_verifies_the_valid_claims_lists_the_invalid_and_exits_2() {
        let dir = temp_dir("keep-going");
        let claims = dir.join("claims.toml");
        fs::write(&claims, THREE_BAD).unwrap();
        let out = indstat()
            .args(["verify", "--keep-going", "--format", "json", "--claims"])
            .arg(&claims)
            .assert()
            .code(2)
            .get_output()
            .stdout
            .clone();
        let table = indstat()
            .args(["verify", "--keep-going", "--claims"])
            .arg(&claims)
            .assert()
            .code(2)
            .get_output()
            .stdout
            .clone();
        let _ = fs::remove_dir_all(&dir);
        let all = findings(&String::from_utf8(out).unwrap());
        let ids: Vec<&str> = all.iter().map(|f| f["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["ok", "bad-kind", "bad-figure", "bad-of"]);
        // 705.8万 is the data's own figure: [705.75, 705.85) both ways.
        assert_eq!(finding(&all, "ok")["verdict"], "consistent");
        for id in ["bad-kind", "bad-figure", "bad-of"] {
            assert_eq!(finding(&all, id)["verdict"], "invalid", "{id}");
            assert!(finding(&all, id)["reading"].is_null(), "{id}");
        }
        assert_eq!(finding(&all, "bad-figure")["reported_text"], "lots");
        assert!(
            finding(&all, "bad-figure")["note"]
                .as_str()
                .unwrap()
                .contains("line 20: claim `bad-figure`: `reported`: invalid figure `lots`")
        );
        let table = String::from_utf8(table).unwrap();
        assert!(
            table.contains(
                "4 claims: 1 consistent, 0 approximate, 0 inconsistent, 0 unverifiable, 3 invalid"
            ),
            "{table}"
        );
    }

    #[test]
    fn a_missing_claims_file_is_exit_2() {
        let err = usage_error(indstat().args(["verify", "--claims", "no/such/claims.toml"]));
        assert!(err.contains("no/such/claims.toml"), "{err}");
    }

    #[test]
    fn an_unknown_format_is_a_usage_error() {
        let err = usage_error(indstat().args(["verify", "--format", "xml"]));
        assert!(err.contains("xml"), "{err}");
    }
}

mod show {
    use super::*;

    #[test]
    fn table() {
        let out = stdout_of(indstat().args(["show", "nev_production"]));
        assert!(out.contains("2022"), "{out}");
        assert!(out.contains("705.8"), "{out}");
        assert!(out.contains("354.5"), "{out}");
        assert!(!out.contains('\x1b'), "ANSI escape in piped output:\n{out}");
        // 2019 is missing: a gap, not a number.
        let line_2019 = out
            .lines()
            .find(|l| l.trim_start().starts_with("2019"))
            .unwrap();
        assert!(line_2019.contains('—'), "{line_2019}");
    }

    #[test]
    fn year_on_year_growth_as_json() {
        let out = stdout_of(indstat().args([
            "show",
            "nev_production",
            "--transform",
            "pc1",
            "--format",
            "json",
        ]));
        let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
        let value = |period: &str| -> &Value {
            let row = rows
                .iter()
                .find(|r| r["period"] == period)
                .unwrap_or_else(|| panic!("no {period} in {out}"));
            &row["value"]
        };
        for r in &rows {
            assert!(r.get("period").is_some() && r.get("value").is_some(), "{r}");
        }
        // 2016 is the first year: no 2015 to grow from.
        assert!(value("2016").is_null(), "{out}");
        // 2020 grows from the missing 2019.
        assert!(value("2020").is_null(), "{out}");
        // (705.8 / 354.5 − 1) × 100 = 99.097…
        let expected = (d("705.8") / d("354.5") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        assert_eq!(expected.trunc_with_scale(1), d("99.0"));
        let got = value("2022").as_str().unwrap();
        assert!(got.starts_with("99.0"), "{got}");
        let got: Decimal = got.parse().unwrap();
        assert!(
            (got - expected).abs() < d("0.000000001"),
            "{got} vs {expected}"
        );
        // (79.4 / 51.7 − 1) × 100 = 53.578…
        let expected = (d("79.4") / d("51.7") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        let got: Decimal = value("2017").as_str().unwrap().parse().unwrap();
        assert!(
            (got - expected).abs() < d("0.000000001"),
            "{got} vs {expected}"
        );
    }

    #[test]
    fn transformed_table_has_no_ansi() {
        let out = stdout_of(indstat().args(["show", "nev_production", "--transform", "pc1"]));
        assert!(out.contains("99.0973"), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn unknown_series_is_exit_2() {
        let err = usage_error(indstat().args(["show", "no_such_series"]));
        assert!(err.contains("no_such_series"), "{err}");
    }

    #[test]
    fn unknown_transform_is_exit_2() {
        let err = usage_error(indstat().args(["show", "nev_production", "--transform", "xyz"]));
        assert!(err.contains("xyz"), "{err}");
    }

    #[test]
    fn lagged_transform_at_the_first_representable_year_is_a_gap() {
        let dir = temp_dir("year-1000");
        fs::write(dir.join("sources.toml"), "").unwrap();
        fs::write(
            dir.join("series.toml"),
            "[[series]]\nid = \"x\"\nunit = \"number\"\nfrequency = \"annual\"\nkind = \"flow\"\n",
        )
        .unwrap();
        fs::write(
            dir.join("observations.csv"),
            "series,period,value\nx,1000,5\nx,1001,6\n",
        )
        .unwrap();
        let out = indstat()
            .args([
                "show",
                "x",
                "--transform",
                "pch",
                "--format",
                "json",
                "--data",
            ])
            .arg(&dir)
            .output()
            .unwrap();
        let _ = fs::remove_dir_all(&dir);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert!(rows[0]["value"].is_null());
        // (6 / 5 − 1) × 100 = 20
        assert_eq!(
            rows[1]["value"]
                .as_str()
                .unwrap()
                .parse::<Decimal>()
                .unwrap(),
            d("20")
        );
    }
}

#[test]
fn list() {
    let out = stdout_of(indstat().arg("list"));
    let line = |id: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no `{id}` in:\n{out}"))
            .to_string()
    };
    assert!(line("gdp").contains("100 million yuan"), "{out}");
    assert!(
        line("nev_production").contains("10 thousand vehicles"),
        "{out}"
    );
    assert!(!out.contains('\x1b'));
}

#[test]
fn list_of_a_given_folder() {
    let out = stdout_of(indstat().arg("list").arg("--data").arg(data("reference")));
    assert!(out.contains("nev_production"), "{out}");
    // The briefing's own series are not in the reference folder.
    assert!(!out.contains("b05_industry_share_of_gdp"), "{out}");
}

#[test]
fn help() {
    let out = stdout_of(indstat().arg("--help"));
    for word in ["verify", "show", "list"] {
        assert!(out.contains(word), "{out}");
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let err = usage_error(indstat().arg("frobnicate"));
    assert!(err.contains("frobnicate"), "{err}");
}

mod interop_files {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    #[test]
    fn verify_reads_sdmx_csv_and_json_stat_directly() {
        let dir = temp_dir("interop-claims");
        let claims = dir.join("claims.toml");
        // NBS GDP 2022: 1,210,207 (100 million yuan) = 121.0207 trillion yuan.
        fs::write(
            &claims,
            "[[claim]]\nid = \"gdp\"\nkind = \"level\"\nseries = \"A.CN.GDP\"\nperiod = \"2022\"\nreported = \"121.0207 trillion yuan\"\n",
        )
        .unwrap();
        let out = stdout_of(
            indstat()
                .args(["verify", "--format", "json", "--data"])
                .arg(fixture("sdmx-2.0.csv"))
                .arg("--claims")
                .arg(&claims),
        );
        let all = findings(&out);
        assert_eq!(finding(&all, "gdp")["verdict"], "consistent");
        let listed = stdout_of(
            indstat()
                .args(["list", "--data"])
                .arg(fixture("jsonstat.json")),
        );
        assert!(listed.contains("10 thousand vehicles"), "{listed}");
    }

    #[test]
    fn a_file_that_is_not_a_dataset_is_a_usage_error() {
        let err = usage_error(
            indstat()
                .args(["list", "--data"])
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")),
        );
        assert!(
            err.contains("Cargo.toml") && err.contains("SDMX-CSV"),
            "{err}"
        );
    }
}

/// `--color always` colours the table even into a pipe, `never` and the default `auto` do not,
/// and `auto` honours NO_COLOR; JSON is never coloured. (Before `--color`, colour could not be
/// asked for at all when piping, e.g. into `less -R`.)
#[test]
fn color_is_chosen_with_the_color_flag() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = indstat();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let always = run(&["verify", "--color", "always"], false);
    assert!(always.contains("\x1b["), "no colour with --color always");
    // The verdict column is painted, and a painted line still holds the claim id.
    assert!(
        always
            .lines()
            .any(|l| l.starts_with("\x1b[") && l.contains("smes-2022"))
    );
    assert!(!run(&["verify", "--color", "never"], false).contains('\x1b'));
    assert!(!run(&["verify"], false).contains('\x1b'));
    assert!(!run(&["verify", "--color", "auto"], true).contains('\x1b'));
    assert!(!run(&["verify", "--format", "json", "--color", "always"], false).contains('\x1b'));
    let bad = indstat()
        .args(["verify", "--color", "sometimes"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&bad.get_output().stderr).contains("sometimes"));
}
