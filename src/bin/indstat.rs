//! The `indstat` command line: verify claims, extract and check the figures of a transcript,
//! show and list series.
//!
//! With no arguments it verifies the bundled SCIO briefing of 2023-03-01 against the bundled
//! reference data. Exit status: 0 when the run completes (whatever the verdicts), 2 on bad
//! input or usage, with the message on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indstat::verify::{Claims, Format, HtmlContext, Unmatched, verify};
use indstat::{Dataset, Error, Series, Transform, extract};

#[derive(Parser)]
#[command(
    name = "indstat",
    version,
    about = "Check published figures against official data, with units, rounding and wording taken into account",
    long_about = "Check published figures against official data, with units, rounding and wording taken into account.\n\nWith no command, verifies the bundled SCIO briefing of 2023-03-01 against the bundled NBS, MIIT and CAAM reference data."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Colour in the table report: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Whether to colour what goes to stdout, as `--color` and the environment decide.
fn paint() -> bool {
    !matches!(
        anstream::AutoStream::choice(&std::io::stdout()),
        anstream::ColorChoice::Never
    )
}

impl ColorWhen {
    fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }
}

#[derive(Clone, Subcommand)]
enum Command {
    /// Verify a claims file against data and print a report.
    Verify {
        /// A dataset folder (sources.toml, series.toml, observations.csv), an SDMX-CSV file
        /// (.csv) or a JSON-stat file (.json); repeat for several. Default: the bundled
        /// briefing and reference data.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
        /// The claims file. Default: the bundled briefing's claims, or a claims.toml in the
        /// given data folders.
        #[arg(long, value_name = "FILE")]
        claims: Option<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Verify the valid claims even when some are malformed: each malformed one is listed
        /// as `invalid` with its error, and the exit status is 2.
        #[arg(long)]
        keep_going: bool,
    },
    /// Print a series, optionally transformed (FRED codes).
    Show {
        /// The series id.
        series: String,
        /// lin, chg, ch1, pch, pc1, pca, cch, cca or log.
        #[arg(long, value_name = "CODE", default_value = "lin")]
        transform: String,
        /// A dataset folder, SDMX-CSV (.csv) or JSON-stat (.json) file; repeat for several.
        /// Default: the bundled data.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SeriesFormat::Table)]
        format: SeriesFormat,
    },
    /// Draw a series, optionally transformed, as an SVG chart (needs the `charts` feature).
    Chart {
        /// The series id.
        series: String,
        /// lin, chg, ch1, pch, pc1, pca, cch, cca or log.
        #[arg(long, value_name = "CODE", default_value = "lin")]
        transform: String,
        /// A dataset folder, SDMX-CSV (.csv) or JSON-stat (.json) file; repeat for several.
        /// Default: the bundled data.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
        /// Line or bar.
        #[arg(long, value_enum, default_value_t = ChartStyle::Line)]
        style: ChartStyle,
        /// The SVG file to write.
        #[arg(long, value_name = "FILE.svg")]
        out: PathBuf,
    },
    /// Find the figure statements of a transcript (English or Chinese) and draft claims.
    Extract {
        /// The transcript: a UTF-8 text file.
        transcript: PathBuf,
        /// A dataset to match statements to series (by their `aliases` and `name`); repeat for
        /// several. Without it no statement is matched.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
        /// The briefing date that `last year` and `去年` refer to (YYYY-MM-DD). Default: the
        /// date in the transcript's header.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// `toml`: a draft claims file `indstat verify` accepts; `json`: the statements;
        /// `table`: one line per statement.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
        format: ExtractFormat,
    },
    /// Extract the statements of a transcript, draft claims and verify them: the report, then
    /// the statements no series matched.
    Check {
        /// The transcript: a UTF-8 text file.
        transcript: PathBuf,
        /// A dataset folder, SDMX-CSV or JSON-stat file; repeat for several. Default: the
        /// bundled reference data.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
        /// The briefing date (YYYY-MM-DD). Default: the date in the transcript's header.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// List the series with unit, frequency, kind, source and span.
    List {
        /// A dataset folder, SDMX-CSV (.csv) or JSON-stat (.json) file; repeat for several.
        /// Default: the bundled data.
        #[arg(long = "data", value_name = "DIR")]
        data: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Markdown,
    Json,
    /// A self-contained HTML page: `indstat verify --format html > report.html`.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Table,
    Toml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChartStyle {
    Line,
    Bar,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeriesFormat {
    Table,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Colour is decided once, before rendering: `--color`, and for `auto` whether stdout is
    // a terminal and NO_COLOR or CLICOLOR say otherwise. (Stripping colour from the output
    // afterwards cost a seventh of a large JSON run.)
    cli.color.choice().write_global();
    let command = cli.command.clone().unwrap_or(Command::Verify {
        data: Vec::new(),
        claims: None,
        format: ReportFormat::Table,
        keep_going: false,
    });
    let outcome = match command {
        Command::Verify {
            data,
            claims,
            format,
            keep_going,
        } => verify_command(&data, claims, format, keep_going),
        other => run(other).map(|text| (text, false)),
    };
    let (output, some_invalid) = match outcome {
        Ok(done) => done,
        Err(e) => {
            eprintln!("indstat: {e}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // Invalid claims were reported (`--keep-going`): the run is complete but the input
        // is not, which scripts must see.
        Ok(()) if some_invalid => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`indstat verify | head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("indstat: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

fn load(paths: &[PathBuf]) -> Result<Dataset, Error> {
    if paths.is_empty() {
        Dataset::bundled()
    } else {
        Dataset::open(paths)
    }
}

/// `indstat verify`: the report, and whether any claim was invalid (`--keep-going`).
fn verify_command(
    data: &[PathBuf],
    claims: Option<PathBuf>,
    format: ReportFormat,
    keep_going: bool,
) -> Result<(String, bool), Error> {
    let dataset = load(data)?;
    let checked = checked_claims(data, claims.as_deref());
    let claims = match claims {
        Some(file) if keep_going => Claims::load_keep_going(file)?,
        Some(file) => Claims::load(file)?,
        None if data.is_empty() => Claims::bundled()?,
        None => claims_in(data, keep_going)?,
    };
    let report = verify(&dataset, &claims);
    let format = match format {
        ReportFormat::Table => Format::Table,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Json => Format::Json,
        ReportFormat::Html => {
            let page = report.html(&html_context(checked, data));
            return Ok((page, !claims.invalid().is_empty()));
        }
    };
    Ok((report.render(format, paint()), !claims.invalid().is_empty()))
}

fn run(command: Command) -> Result<String, Error> {
    match command {
        Command::Verify { .. } => Err(Error::invalid(
            "internal: `verify` is handled by verify_command",
        )),
        Command::Show {
            series,
            transform,
            data,
            format,
        } => {
            let dataset = load(&data)?;
            let transform: Transform = transform.parse()?;
            let s = dataset.require(&series)?;
            let out = transform.apply(s)?;
            Ok(match format {
                SeriesFormat::Table => show_table(&out, transform),
                SeriesFormat::Json => show_json(&out),
            })
        }
        Command::Chart {
            series,
            transform,
            data,
            style,
            out,
        } => {
            let dataset = load(&data)?;
            let transform: Transform = transform.parse()?;
            let s = dataset.require(&series)?;
            chart(&dataset, s, transform, style, &out)
        }
        Command::List { data } => Ok(load(&data)?.listing()),
        Command::Extract {
            transcript,
            data,
            date,
            format,
        } => {
            let text = read_transcript(&transcript)?;
            let given = date.is_some();
            // Statements say whether their period rests on --date or on the header's date.
            let mut found = extract::statements_dated(&text, date);
            let date = date.or_else(|| extract::briefing_date(&text));
            let dataset = if data.is_empty() {
                None
            } else {
                Some(Dataset::open(&data)?)
            };
            if let Some(d) = &dataset {
                extract::match_series(&mut found, d);
            }
            Ok(match format {
                ExtractFormat::Json => to_json(&found),
                ExtractFormat::Table => {
                    let basis = match (given, date) {
                        (true, Some(d)) => format!("briefing date {d} (--date)"),
                        (false, Some(d)) => format!("briefing date {d} (from the transcript's header)"),
                        (_, None) => "no briefing date: `last year` and the like stay unresolved (give --date)".into(),
                    };
                    format!("{basis}\n\n{}", statements_table(&found))
                }
                ExtractFormat::Toml => {
                    let empty = Dataset::new();
                    extract::draft_toml(&found, dataset.as_ref().unwrap_or(&empty), date)
                }
            })
        }
        Command::Check {
            transcript,
            data,
            date,
            format,
        } => {
            let text = read_transcript(&transcript)?;
            let dataset = if data.is_empty() {
                extract::reference_data()?
            } else {
                Dataset::open(&data)?
            };
            let checked = extract::check(&text, &dataset, date);
            Ok(match format {
                ReportFormat::Json => check_json(&checked),
                ReportFormat::Html => {
                    let mut ctx =
                        html_context(format!("transcript {}", transcript.display()), &data);
                    if data.is_empty() {
                        ctx.data = vec!["the bundled NBS, MIIT and CAAM reference data".into()];
                    }
                    ctx.unmatched = Some(
                        checked
                            .unmatched
                            .iter()
                            .map(|(s, why)| Unmatched {
                                figure: s.text.clone(),
                                sentence: s.sentence.clone(),
                                reason: Some(why.clone()),
                            })
                            .collect(),
                    );
                    checked.report.html(&ctx)
                }
                ReportFormat::Table | ReportFormat::Markdown => {
                    let f = if matches!(format, ReportFormat::Table) {
                        Format::Table
                    } else {
                        Format::Markdown
                    };
                    let mut out = checked.report.render(f, paint());
                    out.push_str(&format!(
                        "\n{} statements could not be matched to a series:\n",
                        checked.unmatched.len()
                    ));
                    for (s, why) in &checked.unmatched {
                        out.push_str(&format!(
                            "  {}–{}  {}  [{}] {}\n      in: {}\n",
                            s.start,
                            s.end,
                            plain(&s.text),
                            s.measure,
                            plain(why),
                            plain(&s.sentence)
                        ));
                    }
                    out
                }
            })
        }
    }
}

/// Text from the transcript, safe for a terminal: control characters as spaces.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn read_transcript(path: &std::path::Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::io(
            path,
            format!(
                "not UTF-8 text: invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n"
}

fn statements_table(found: &[extract::Statement]) -> String {
    let mut out = String::from(
        "CHARS        MEASURE     PERIOD   FIGURE                          SUBJECT  →  SERIES\n",
    );
    for s in found {
        let pad = |t: &str, w: usize| {
            let n = t.chars().count();
            format!("{t}{}", " ".repeat(w.saturating_sub(n)))
        };
        out.push_str(&format!(
            "{} {} {} {} {}{}\n",
            pad(&format!("{}–{}", s.start, s.end), 12),
            pad(s.measure.as_str(), 11),
            pad(
                &s.period
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "?".into()),
                8
            ),
            pad(&plain(&s.text), 31),
            plain(&s.subject),
            s.series
                .as_ref()
                .map(|x| format!("  →  {x}"))
                .unwrap_or_default()
        ));
    }
    out.push_str(&format!("\n{} figure statements\n", found.len()));
    out
}

fn check_json(checked: &extract::Checked) -> String {
    let mut findings = match serde_json::to_value(checked.report.findings()) {
        Ok(serde_json::Value::Array(a)) => a,
        _ => Vec::new(),
    };
    for f in &mut findings {
        let id = f.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let source = id.and_then(|id| checked.sources.iter().find(|(c, _)| *c == id));
        if let (Some((_, k)), Some(obj)) = (source, f.as_object_mut()) {
            if let Some(s) = checked.statements.get(*k) {
                obj.insert("start".into(), s.start.into());
                obj.insert("end".into(), s.end.into());
            }
        }
    }
    let unmatched: Vec<serde_json::Value> = checked
        .unmatched
        .iter()
        .map(|(s, why)| {
            let mut v = serde_json::to_value(s).unwrap_or_default();
            if let Some(obj) = v.as_object_mut() {
                obj.insert("reason".into(), why.clone().into());
            }
            v
        })
        .collect();
    to_json(&serde_json::json!({ "findings": findings, "unmatched": unmatched }))
}

#[cfg(feature = "charts")]
fn chart(
    dataset: &Dataset,
    series: &Series,
    transform: Transform,
    style: ChartStyle,
    out: &std::path::Path,
) -> Result<String, Error> {
    use indstat::chart::{self, ChartKind, ChartOptions};
    let values = transform.apply(&series.to_f64())?;
    let options = ChartOptions {
        kind: match style {
            ChartStyle::Line => ChartKind::Line,
            ChartStyle::Bar => ChartKind::Bar,
        },
        sources: chart::source_lines(dataset, series),
        ..ChartOptions::default()
    };
    let svg = chart::draw(&values, &options)?;
    chart::write_svg(out, &svg)?;
    Ok(format!("wrote {}\n", out.display()))
}

#[cfg(not(feature = "charts"))]
fn chart(
    _: &Dataset,
    _: &Series,
    _: Transform,
    _: ChartStyle,
    _: &std::path::Path,
) -> Result<String, Error> {
    Err(Error::invalid(
        "this indstat was built without charts: build it with `--features charts`",
    ))
}

/// What `verify` checked, in words, for the report's header.
fn checked_claims(data: &[PathBuf], claims: Option<&std::path::Path>) -> String {
    match claims {
        Some(file) => format!("claims file {}", file.display()),
        None if data.is_empty() => "the bundled claims of the SCIO briefing of 2023-03-01".into(),
        None => "the claims.toml files of the data folders".into(),
    }
}

/// The HTML report's header: what was checked, against which data, and today's date (UTC).
fn html_context(checked: String, data: &[PathBuf]) -> HtmlContext {
    let data = if data.is_empty() {
        vec!["the bundled NBS, MIIT and CAAM reference data and the briefing's figures".into()]
    } else {
        data.iter().map(|d| d.display().to_string()).collect()
    };
    let date = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
    HtmlContext {
        checked,
        data,
        date,
        ..HtmlContext::default()
    }
}

/// The claims.toml files of the given data folders, merged.
fn claims_in(dirs: &[PathBuf], keep_going: bool) -> Result<Claims, Error> {
    let mut all = Claims::default();
    let mut found = false;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let file = dir.join("claims.toml");
        if file.is_file() {
            found = true;
            let claims = if keep_going {
                Claims::load_keep_going(&file)?
            } else {
                Claims::load(&file)?
            };
            all.append(claims)
                .map_err(|e| e.context(file.display().to_string()))?;
        }
    }
    if !found {
        return Err(Error::invalid(
            "no claims to verify: give --claims FILE, or put a claims.toml in a --data folder",
        ));
    }
    Ok(all)
}

fn show_table(s: &Series, transform: Transform) -> String {
    let mut out = format!("{} — {} [{}]\n", s.id(), s.meta().name, s.unit());
    for (period, value) in s.iter() {
        let text = match value {
            // Levels print as stored; computed values to a readable precision.
            Some(v) if transform == Transform::Lin => v.to_string(),
            Some(v) => indstat::round_half_away(v, 4).normalize().to_string(),
            None => match s.gap(period) {
                Some(gap) => format!("—  ({gap})"),
                None => "—".into(),
            },
        };
        out.push_str(&format!("{period:>8}  {text}\n"));
    }
    out
}

fn show_json(s: &Series) -> String {
    let rows: Vec<serde_json::Value> = s
        .iter()
        .map(|(period, value)| {
            let mut row = serde_json::json!({
                "period": period.to_string(),
                "value": value.map(|v| v.to_string()),
            });
            if let (None, Some(gap)) = (value, s.gap(period)) {
                row["gap"] = serde_json::Value::String(gap.to_string());
            }
            row
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}
