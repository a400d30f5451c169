//! The one table of decided behaviours, [`DECISIONS`], and how sure an answer is.
//!
//! The rows live by area in the submodules and are joined here, in that order, at compile
//! time.

mod bulk;
mod deliverability;
mod query;
mod raw;
mod send;
mod smtp;
mod template;

/// How sure we are that SES behaves as an entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Certainty {
    /// The exact text was quoted from a real SES response or from AWS's documentation.
    Seen,
    /// The rule is documented by AWS (or by the RFC an advisory names); the words were not
    /// seen.
    Documented,
    /// SES's behaviour is unknown or contradictory: this is the project's choice.
    Decided,
}

/// One choice the project made where SES's behaviour is not known for certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// A short stable name for the choice.
    pub id: &'static str,
    /// The situation the choice applies to.
    pub situation: &'static str,
    /// What ses-presend does.
    pub choice: &'static str,
    /// Whether the choice can reject a send, and on what evidence.
    pub effect: Effect,
}

/// What a decided rule does to a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// It rejects. The text names the source (a URL, with the date of a field report) showing
    /// that SES, or the JavaMail parser SES runs, rejects the condition; the decision is only
    /// about the words or the details.
    Rejects(&'static str),
    /// It only advises: SES's answer is unknown, so the send is not rejected.
    Advises,
    /// It only chooses the words, order, names or form of answers SES is known to give (or of
    /// the tool's own answers), never whether a send is rejected.
    Words,
}

impl Effect {
    /// The evidence of a rejecting rule.
    ///
    /// ```
    /// use ses_presend::report::{Effect, DECISIONS};
    /// let row = DECISIONS.iter().find(|d| d.id == "non-ascii-domain").unwrap();
    /// assert!(row.effect.evidence().unwrap().contains("https://"));
    /// ```
    pub fn evidence(self) -> Option<&'static str> {
        match self {
            Effect::Rejects(source) => Some(source),
            Effect::Advises | Effect::Words => None,
        }
    }
}

/// The one table of behaviours that are decided rather than observed.
///
/// ```
/// let ids: Vec<_> = ses_presend::report::DECISIONS.iter().map(|d| d.id).collect();
/// assert!(ids.contains(&"non-ascii-domain"));
/// ```
pub const DECISIONS: &[Decision] = &ALL;

/// The rows of the tool's own answers: the v2 endpoint's body, report size and `serve`.
const TOOL: &[Decision] = &[
    Decision {
        id: "v2-bad-json",
        situation: "a v2 SendEmail body that is not JSON, or not SendEmail's shape (an unknown \
                    member, a value of the wrong type); SES's answer was not observed",
        choice: "400 BadRequestException `The request body is not a valid SendEmail request: \
                 <what is wrong, with its line and column>.`",
        effect: Effect::Rejects(
            "documented: a body the REST-JSON protocol cannot deserialize is refused with 400 \
             (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html); SES's answer \
             to an unknown member is not known",
        ),
    },
    Decision {
        id: "report-finding-cap",
        situation: "a report with very many findings (SES itself returns one error)",
        choice: "at most 1000 findings in every report; past them one `findings-truncated` \
                 advisory says the rest were not listed",
        effect: Effect::Words,
    },
    Decision {
        id: "serve-address-list",
        situation: "`ses-presend serve`'s `POST /validate/addresses` with a long list (a 1 MiB \
                    body holds some 350 000 entries, each with a report); SES itself takes at \
                    most 50 recipients in a request",
        choice: "at most 1000 addresses; a longer list gets the server's own 400 \
                 `{\"message\":\"/validate/addresses takes at most 1000 addresses, not <n>\"}` \
                 and none is checked",
        effect: Effect::Words,
    },
];

/// Every row, area by area.
const PARTS: &[&[Decision]] = &[
    send::SEND,
    raw::RAW,
    query::QUERY,
    bulk::BULK,
    template::TEMPLATE,
    smtp::SMTP,
    deliverability::DELIVERABILITY,
    TOOL,
];

const ALL: [Decision; count(PARTS)] = join(PARTS);

/// The number of rows in `parts`.
const fn count(parts: &[&[Decision]]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < parts.len() {
        n += parts[i].len();
        i += 1;
    }
    n
}

/// The rows of `parts` one after the other.
const fn join<const N: usize>(parts: &[&[Decision]]) -> [Decision; N] {
    let mut out = [parts[0][0]; N];
    let (mut n, mut i) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(n == N);
    out
}
