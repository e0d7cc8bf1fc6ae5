//! Web pages: the article body as plain text, and the page's metadata.
//!
//! The body comes from `dom_smoothie` (a port of Mozilla's Readability, the best of the Rust
//! extractors measured on news pages), wrapped in two filters because on its own it lets
//! through what a news page surrounds its article with:
//!
//! 1. **before**: elements that are never the article are removed from the page: `nav`,
//!    `header`, `footer`, `aside`, forms, figures, scripts, ad slots, and every element whose
//!    class or id names boilerplate (`comments`, `related`, `share`, `promo`, `newsletter`,
//!    `sidebar`, `byline`, `ad`, ...). The headline (`h1`) goes too: it is metadata.
//! 2. **after**: the text is split into paragraphs and the ones that read as furniture are
//!    dropped (share lines, "Advertisement", copyright lines, bare dates), as are pull quotes
//!    that repeat a sentence of the body.
//!
//! When Readability finds no candidate (short pages, pages without `<p>`), the cleaned page's
//! own block text is used. Paragraphs are separated by a blank line, which is what the segment
//! stage reads as a paragraph break.
//!
//! Metadata comes from the first of: Open Graph and `article:` meta tags, JSON-LD
//! (`NewsArticle` and its kin), other meta tags (`date`, `author`, `parsely-pub-date`, ...),
//! the markup (`<h1>`, `<time>`, `rel=author`), and the URL (`/2025/03/09/`).

use dateline_document::Meta;
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

/// What a page yields: its body text and metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The article body, paragraphs separated by a blank line.
    pub text: String,
    /// Title, publication date (`YYYY-MM-DD`), byline, site name (as `source`), canonical URL,
    /// and `url`: the address the page was fetched from, or its canonical URL.
    pub meta: Meta,
}

/// Extracts the article from an HTML page.
///
/// `charset` is the one an HTTP header declared, if any; otherwise the page's own `<meta
/// charset>` decides, then UTF-8 if the bytes are valid UTF-8, then Windows-1252 (what browsers
/// assume). `url` is where the page came from (a WARC record's target), used when the page
/// names no canonical URL and to find a date in the path.
///
/// Errors (a message for the user) when the page holds no article text.
pub fn extract(bytes: &[u8], charset: Option<&str>, url: Option<&str>) -> Result<Page, String> {
    let html = decode(bytes, charset);
    let dom = Dom::from(html.as_str());
    let meta = metadata(&dom, url);
    clean(&dom);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let read = Readability::with_document(dom.clone(), None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    let read = filter(&read, meta.title.as_deref());
    let own = filter(&dom.select("body").formatted_text(), meta.title.as_deref());
    let text = if read.len() < 200 && own.len() > read.len() {
        own
    } else {
        recover(&read, &own)
    };
    if text.trim().is_empty() {
        return Err("no article text found in the page: is it a complete web page?".into());
    }
    Ok(Page { text, meta })
}

/// Decodes the page's bytes to a string (see [`extract`] for the order of evidence).
fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        .or_else(|| sniff_charset(bytes).and_then(|c| encoding_rs::Encoding::for_label(&c)));
    let enc = match declared {
        // Pages that declare UTF-8 but are not are common; Windows-1252 reads them best.
        Some(e) if e == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() => {
            encoding_rs::WINDOWS_1252
        }
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The label after `charset=` in the first 4 kB (`<meta charset>` or `http-equiv`).
fn sniff_charset(bytes: &[u8]) -> Option<Vec<u8>> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = head[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\''))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .copied()
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Tags that are never the article body.
const DROP_TAGS: &str = "script, style, noscript, template, svg, nav, header, footer, aside, \
    form, figure, figcaption, iframe, button, input, textarea, select, h1, amp-ad, amp-sidebar, \
    amp-analytics, amp-img, img, video, audio";

/// Class and id words that name page furniture. A class matches when one of its words (split at
/// `-`, `_` and spaces) is here, or starts or ends with one of [`BOILER_AFFIXES`].
const BOILER_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "also",
    "author",
    "badge",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "cookie",
    "dateline",
    "hdr",
    "ftr",
    "headline",
    "hl",
    "info",
    "kicker",
    "load",
    "logo",
    "masthead",
    "menu",
    "meta",
    "more",
    "navbar",
    "newsletter",
    "paywall",
    "popular",
    "print",
    "promo",
    "pull",
    "pullquote",
    "related",
    "respond",
    "share",
    "sharing",
    "side",
    "sidebar",
    "signup",
    "social",
    "standfirst",
    "subscribe",
    "subscription",
    "tags",
    "toolbar",
    "tools",
    "topics",
    "widget",
];

/// Word beginnings and endings that name page furniture ("leftnav", "topmenu", "footerlinks").
const BOILER_AFFIXES: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "sidebar",
    "comment",
    "share",
    "social",
    "promo",
    "newsletter",
    "related",
    "advert",
];

fn is_boilerplate(attr: &str) -> bool {
    attr.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .any(|w| {
            BOILER_WORDS.contains(&w.as_str())
                || BOILER_AFFIXES
                    .iter()
                    .any(|a| w.len() > a.len() && (w.starts_with(a) || w.ends_with(a)))
        })
}

/// Removes what is never the article (filter 1 in the module doc).
fn clean(dom: &Dom) {
    dom.select(DROP_TAGS).remove();
    let furniture: Vec<_> = dom
        .select("[class], [id]")
        .nodes()
        .iter()
        .filter(|n| {
            let tag = n
                .node_name()
                .map(|t| t.to_ascii_lowercase())
                .unwrap_or_default();
            !matches!(tag.as_str(), "html" | "body" | "main" | "article")
                && (n.attr("class").is_some_and(|c| is_boilerplate(&c))
                    || n.attr("id").is_some_and(|i| is_boilerplate(&i)))
        })
        .cloned()
        .collect();
    for n in furniture {
        n.remove_from_parent();
    }
}

/// Phrases that mark a paragraph as page furniture when it is short.
const FURNITURE: &[&str] = &[
    "advertisement",
    "all rights reserved",
    "copyright",
    "©",
    "share this",
    "share:",
    "sign up",
    "subscribe",
    "read more:",
    "also read",
    "related:",
    "print version",
    "send to a friend",
    "click here",
    "cookies",
    "follow us",
];

/// Splits into paragraphs, drops furniture and repeated pull quotes (filter 2).
fn filter(text: &str, title: Option<&str>) -> String {
    let paras: Vec<String> = text
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let title = title.map(|t| t.trim().to_lowercase());
    let keep: Vec<&String> = paras
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let lower = p.to_lowercase();
            let words = p.split_whitespace().count();
            if words <= 25 && FURNITURE.iter().any(|f| lower.contains(f)) {
                return false;
            }
            if title.as_deref() == Some(lower.as_str()) || is_bare_date(p) {
                return false;
            }
            // A pull quote: a short paragraph whose words all appear in a longer one.
            let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
            let pull_quote = words <= 25
                && bare.len() > 20
                && paras
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != *i && q.len() > p.len() && q.to_lowercase().contains(bare));
            !pull_quote
        })
        .map(|(_, p)| p)
        .collect();
    keep.iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Readability keeps the best block and its paragraph siblings; a live blog's summary or a
/// standfirst paragraph in a sibling `div` is lost. Puts back, in page order, the long
/// paragraphs of the cleaned page that sit just before or among the kept ones.
fn recover(read: &str, own: &str) -> String {
    let kept: std::collections::HashSet<&str> = read.split("\n\n").collect();
    let own: Vec<&str> = own.split("\n\n").collect();
    let (Some(first), Some(last)) = (
        own.iter().position(|p| kept.contains(p)),
        own.iter().rposition(|p| kept.contains(p)),
    ) else {
        return read.to_string();
    };
    let out: Vec<&str> = own
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            kept.contains(p) || (i + 3 >= first && i <= last && p.split_whitespace().count() >= 15)
        })
        .map(|(_, p)| *p)
        .collect();
    // Keep Readability's text if the page order lost some of it (a paragraph split differently).
    let n = |s: &[&str]| s.iter().filter(|p| kept.contains(*p)).count();
    if n(&out) < kept.len() {
        return read.to_string();
    }
    out.join("\n\n")
}

/// "11.03.2025", "2025-03-11", "March 9, 2025": a date on a line of its own.
fn is_bare_date(p: &str) -> bool {
    p.len() <= 20 && normalize_date(p).is_some() && p.split_whitespace().count() <= 3
}

/// The first `content` of the meta tags named (by `property`, `name` or `itemprop`).
fn meta_tag(dom: &Dom, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| {
        let sel =
            format!("meta[property=\"{n}\" i], meta[name=\"{n}\" i], meta[itemprop=\"{n}\" i]");
        dom.select(&sel)
            .nodes()
            .iter()
            .filter_map(|m| m.attr("content"))
            .map(|c| c.trim().to_string())
            .find(|c| !c.is_empty())
    })
}

/// What the JSON-LD of the page says about its article.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn json_ld(dom: &Dom) -> JsonLd {
    let mut out = JsonLd::default();
    for script in dom.select("script[type=\"application/ld+json\"]").nodes() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&script.text()) {
            visit_ld(&v, &mut out);
        }
    }
    out
}

fn visit_ld(v: &serde_json::Value, out: &mut JsonLd) {
    use serde_json::Value;
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, out)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                visit_ld(g, out);
            }
            let kind = match o.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            };
            if !(kind.contains("Article")
                || kind.contains("BlogPosting")
                || kind == "LiveBlogPosting")
            {
                return;
            }
            let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
            let name = |v: &Value| -> Option<String> {
                match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                }
            };
            out.headline = out.headline.take().or_else(|| s("headline"));
            out.published = out.published.take().or_else(|| s("datePublished"));
            out.author = out.author.take().or_else(|| match o.get("author") {
                Some(Value::Array(a)) => {
                    let names: Vec<String> = a.iter().filter_map(name).collect();
                    (!names.is_empty()).then(|| names.join(", "))
                }
                Some(v) => name(v),
                None => None,
            });
            out.publisher = out
                .publisher
                .take()
                .or_else(|| o.get("publisher").and_then(name));
            out.url =
                out.url
                    .take()
                    .or_else(|| s("url"))
                    .or_else(|| match o.get("mainEntityOfPage") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Object(m)) => {
                            m.get("@id").and_then(Value::as_str).map(str::to_string)
                        }
                        _ => None,
                    });
        }
        _ => {}
    }
}

/// Reads the page's metadata (see the module doc for the order of sources).
fn metadata(dom: &Dom, url: Option<&str>) -> Meta {
    let ld = json_ld(dom);
    let text_of = |sel: &str| {
        dom.select(sel)
            .nodes()
            .iter()
            .map(|n| n.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|t| !t.is_empty())
    };
    let canonical = dom
        .select("link[rel=\"canonical\" i]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .or_else(|| meta_tag(dom, &["og:url"]))
        .or(ld.url)
        .and_then(|c| absolute(&c, url));
    let title = meta_tag(dom, &["og:title", "twitter:title"])
        .or(ld.headline)
        .or_else(|| text_of("h1"))
        .or_else(|| text_of("title").map(|t| strip_site(&t)));
    let where_from = url.map(str::to_string).or_else(|| canonical.clone());
    let published = meta_tag(
        dom,
        &[
            "article:published_time",
            "datePublished",
            "og:published_time",
        ],
    )
    .or(ld.published)
    .or_else(|| {
        meta_tag(
            dom,
            &[
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "parsely-pub-date",
                "dc.date.issued",
                "dc.date",
                "sailthru.date",
                "article.published",
            ],
        )
    })
    .and_then(|d| normalize_date(&d))
    .or_else(|| {
        dom.select("time[datetime]")
            .nodes()
            .iter()
            .filter_map(|t| t.attr("datetime"))
            .find_map(|d| normalize_date(&d))
    })
    .or_else(|| {
        [where_from.as_deref(), canonical.as_deref()]
            .into_iter()
            .flatten()
            .find_map(date_in_url)
    });
    let byline = meta_tag(
        dom,
        &["author", "byline", "article:author", "parsely-author"],
    )
    .filter(|a| !a.starts_with("http"))
    .or(ld.author)
    .or_else(|| text_of("[rel=\"author\"]"))
    .or_else(|| text_of(".byline, .author, [itemprop=\"author\"]"))
    .map(|b| {
        let b = b.trim();
        b.strip_prefix("By ")
            .or_else(|| b.strip_prefix("by "))
            .unwrap_or(b)
            .to_string()
    })
    .filter(|b| !b.is_empty() && b.len() <= 100);
    let source = meta_tag(dom, &["og:site_name", "application-name"]).or(ld.publisher);
    Meta {
        published,
        title,
        url: where_from,
        source,
        byline,
        canonical_url: canonical,
    }
}

/// Makes `href` absolute against the page's URL; `None` when it cannot be.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    href.starts_with('/')
        .then(|| format!("{}{href}", &base[..host_end]))
}

/// "Lisbon docks to become homes | The Atlantic Courier" -> "Lisbon docks to become homes".
fn strip_site(title: &str) -> String {
    for sep in [" | ", " - ", " — ", " – "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.len() >= 15 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// `/2025/03/09/` or `/2025-03-09/` in a URL path.
fn date_in_url(url: &str) -> Option<String> {
    let parts: Vec<&str> = url.split('/').collect();
    parts
        .windows(3)
        .find_map(|w| {
            let (y, m, d) = (w[0], w[1], w[2]);
            if y.len() == 4 && m.len() == 2 && d.len() == 2 {
                check_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            } else {
                None
            }
        })
        .or_else(|| parts.iter().find_map(|p| p.get(..10).and_then(iso)))
}

fn check_ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        check_ymd(
            s[..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    } else {
        None
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A publication date as `YYYY-MM-DD`, from ISO 8601 (`2025-03-13T16:20:00Z`), `20250312`,
/// `11.03.2025` (day first, as written in Europe) or `March 9, 2025` / `9 March 2025`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(iso) {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return check_ymd(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        );
    }
    let nums: Vec<&str> = s.split('.').collect();
    if nums.len() == 3
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return check_ymd(
            nums[2].parse().ok()?,
            nums[1].parse().ok()?,
            nums[0].parse().ok()?,
        );
    }
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.len() != 3 {
        return None;
    }
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    let (m, d, y) = if let Some(m) = month(&words[0]) {
        (m, words[1].parse().ok()?, words[2].parse().ok()?)
    } else {
        (
            month(&words[1])?,
            words[0].parse().ok()?,
            words[2].parse().ok()?,
        )
    };
    check_ymd(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_use() {
        for (s, want) in [
            ("2025-03-13T16:20:00Z", Some("2025-03-13")),
            ("20250312", Some("2025-03-12")),
            ("11.03.2025", Some("2025-03-11")),
            ("March 9, 2025", Some("2025-03-09")),
            ("13 March 2025", Some("2025-03-13")),
            ("2025-13-01", None),
            ("yesterday", None),
        ] {
            assert_eq!(normalize_date(s).as_deref(), want, "{s}");
        }
        assert_eq!(
            date_in_url("https://x.example/2025/03/09/tea/").as_deref(),
            Some("2025-03-09")
        );
        assert_eq!(date_in_url("https://x.example/live/iceland"), None);
    }

    #[test]
    fn class_words_name_furniture() {
        for c in [
            "related",
            "post-share",
            "leftnav",
            "comments-area",
            "ad-banner",
            "entry-meta",
        ] {
            assert!(is_boilerplate(c), "{c}");
        }
        for c in [
            "story-body",
            "entry-content",
            "site-content",
            "live-posts",
            "shadow",
            "head",
        ] {
            assert!(!is_boilerplate(c), "{c}");
        }
    }

    #[test]
    fn charsets_from_header_meta_or_bytes() {
        let latin1 = b"<meta charset=\"windows-1252\"><p>Gen\xe8ve</p>";
        assert!(decode(latin1, None).contains("Genève"));
        assert!(decode(b"<p>Gen\xe8ve</p>", Some("iso-8859-1")).contains("Genève"));
        assert!(decode(b"<p>Gen\xe8ve</p>", None).contains("Genève"));
        assert!(decode("<p>Genève</p>".as_bytes(), None).contains("Genève"));
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        let e = extract(
            b"<html><head><title>x</title></head><body><nav>Home</nav>",
            None,
            None,
        );
        assert!(e.unwrap_err().contains("no article text"));
    }
}
