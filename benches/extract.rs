//! Extraction speed: `extract_1mb` reads 1 MB of generated briefing-like text, English and
//! Chinese mixed, with a figure every few words. Goal: at least 5 MB/s in release.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use indstat::extract::statements;

/// Sentences in the manner of a briefing; `{}` takes a generated number.
const TEMPLATES: &[&str] = &[
    "In {y}, the value added of industry exceeded {} trillion yuan, accounting for {}% of GDP. ",
    "As of the end of {y}, China had built a total of {} million 5G base stations, up {}% year on year. ",
    "Production and sales reached {} million and {} million, increasing {}% and {}%, respectively. ",
    "The share rose by {} percentage points, and more than {} enterprises were listed on March 1. ",
    "{y}年，全国新能源汽车产量{}万辆，同比增长{}%，占全球比重超过{}%。",
    "年末全国5G基站超过{}万个，比上年末增加{}万个；软件业务收入{}亿元，年均增长{}%。",
    "The 14th Five-Year Plan calls for nearly {}% of firms to adopt 5G by {y}, page {} of the report. ",
    "去年，規模以上工業增加值約{}萬億元，增長{}倍，電話：010-68783311。\n",
];

/// About `bytes` of text from the templates, numbers from a fixed linear congruential
/// sequence so that every run reads the same text.
fn briefing_like(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 256);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        state >> 33
    };
    let mut k = 0;
    while out.len() < bytes {
        let template = TEMPLATES[k % TEMPLATES.len()];
        k += 1;
        let mut parts = template.split("{}");
        if let Some(first) = parts.next() {
            out.push_str(&first.replace("{y}", &(2000 + next() % 25).to_string()));
        }
        for part in parts {
            let n = next();
            out.push_str(&format!("{}.{}", n % 1000, n % 10));
            out.push_str(&part.replace("{y}", &(2000 + next() % 25).to_string()));
        }
    }
    out
}

fn extract_1mb(c: &mut Criterion) {
    let text = briefing_like(1 << 20);
    let mut group = c.benchmark_group("extract_1mb");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("statements", |b| b.iter(|| statements(&text).len()));
    group.finish();
}

criterion_group!(benches, extract_1mb);
criterion_main!(benches);
