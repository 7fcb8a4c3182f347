//! The `indstat` command line: verify claims, show and list series.
//!
//! With no arguments it verifies the bundled SCIO briefing of 2023-03-01 against the bundled
//! reference data. Exit status: 0 when the run completes (whatever the verdicts), 2 on bad
//! input or usage, with the message on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indstat::verify::{Claims, Format, HtmlContext, verify};
use indstat::{Dataset, Error, Series, Transform};

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
    // The report is written with colour; the stream strips it unless `--color` (or, for
    // `auto`, a terminal without NO_COLOR) asks for it.
    let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), cli.color.choice());
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
    Ok((report.render(format, true), !claims.invalid().is_empty()))
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
            let s = dataset.get(&series)?;
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
            let s = dataset.get(&series)?;
            chart(&dataset, s, transform, style, &out)
        }
        Command::List { data } => Ok(load(&data)?.listing()),
    }
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
