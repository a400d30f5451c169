//! The decided rows of template rendering (`template-…`, `inline-template-forms`).

use super::{Decision, Effect};

pub(super) const TEMPLATE: &[Decision] = &[
    Decision {
        id: "rendering-failure",
        situation: "a templated send whose data misses an attribute the template needs: SES \
                    answers with a MessageId and drops the message, reporting a Rendering \
                    Failure event only (documented; seen in field reports)",
        choice: "the report keeps SES's answer (no error) and adds a `rendering-failure` \
                 finding with the event's words, the part and the template's name; the CLI \
                 exits 1 and says both; serve's dry run answers as SES does",
        effect: Effect::Words,
    },
    Decision {
        id: "template-part-order",
        situation: "which attribute a Rendering Failure names when several are missing (SES \
                    names one; which one is not documented)",
        choice: "the first missing in the order subject, text part, HTML part, each read from \
                 its start",
        effect: Effect::Words,
    },
    Decision {
        id: "template-dotted-name",
        situation: "the name a Rendering Failure gives for a missing dotted path \
                    (`{{contact.firstName}}`): the path or its first missing step is not known",
        choice: "the path as the template writes it (`contact.firstName`)",
        effect: Effect::Words,
    },
    Decision {
        id: "template-missing-block-argument",
        situation: "a block whose argument is absent (`{{#each items}}`, `{{#with a}}`, \
                    `{{#if x}}`): no SES evidence either way",
        choice: "the block renders as for a false value (its `{{else}}` branch, or nothing): no \
                 Rendering Failure is predicted for it; a missing value inside a branch that is \
                 not taken is not looked up",
        effect: Effect::Advises,
    },
    Decision {
        id: "template-render-bounds",
        situation: "templates and data a renderer must bound: SES documents 500 KB per \
                    template; nothing about nesting, partials that include each other, or the \
                    size of a render",
        choice: "a template over 500 KB, blocks nested over 64 deep, inline partials that \
                 include each other or are included more than 32 times, nested `#each` blocks \
                 that would loop more than a million times over the data's longest list, or a \
                 render over 40 MB is not rendered: an advisory \
                 `template-not-renderable` says so, never a rejection and never a predicted \
                 Rendering Failure",
        effect: Effect::Advises,
    },
    Decision {
        id: "inline-template-forms",
        situation: "which tags of a v2 inline template (`TemplateContent`) SES refuses with \
                    `Template contains unsupported operations.` (seen for `{{#if …}}`, \
                    `{{no_reply}}` and dotted names; documented: only simple substitutions)",
        choice: "a block tag (`#`, `/`, `else`), a name with `_` or a dotted name: \
                 BadRequestException `Template contains unsupported operations.`; any other tag \
                 that is not letters and digits (`{{{x}}}`, `{{> p}}`, `{{x-y}}`): an advisory \
                 `inline-template-form`",
        effect: Effect::Rejects(
            "seen: https://github.com/aws/aws-sdk-js-v3/issues/6657 (2024-11-13, `{{#if var}}`, \
             `{{no_reply}}`, nested properties)",
        ),
    },
    Decision {
        id: "v1-template-data-json",
        situation: "v1 SendTemplatedEmail whose `TemplateData` is not a JSON object: v2 answers \
                    `Unable to parse template data (invalid JSON).` (seen); v1's answer is not \
                    known",
        choice: "v2: that BadRequestException; v1: an advisory `template-data-not-json` (the \
                 message would not render)",
        effect: Effect::Advises,
    },
    Decision {
        id: "test-render-errors",
        situation: "the words of v1 TestRenderTemplate's and v2 TestRenderEmailTemplate's \
                    errors: the codes are documented (MissingRenderingAttribute, \
                    InvalidRenderingParameter, TemplateDoesNotExist; v2 BadRequestException, \
                    NotFoundException), their texts were never seen in a real answer",
        choice: "a missing value: MissingRenderingAttribute with the Rendering Failure event's \
                 words `Attribute 'x' is not present in the rendering data.`; data that is not \
                 a JSON object: InvalidRenderingParameter with v2 SendEmail's seen words \
                 `Unable to parse template data (invalid JSON).`; a stored template the \
                 renderer cannot read (syntax, bounds): InvalidRenderingParameter with the \
                 renderer's words; an unknown template: TemplateDoesNotExist with the words a \
                 v1 send was seen to use, `Template NAME does not exist` (as the sends answer, \
                 `template-does-not-exist`); v2: BadRequestException (400) or \
                 NotFoundException (404) with the same words; serve without templates knows \
                 none, so every template does not exist",
        effect: Effect::Words,
    },
    Decision {
        id: "test-render-mime",
        situation: "the exact MIME message TestRenderTemplate returns as `RenderedTemplate` \
                    (documented: `The complete MIME message rendered by applying the data in \
                    the TemplateData parameter to the template`; no real answer seen)",
        choice: "CRLF lines: `Subject:` (an RFC 2047 B encoded-word when not ASCII), \
                 `MIME-Version: 1.0`, `Content-Type: multipart/alternative` with a boundary, \
                 then a `text/plain; charset=UTF-8` part for the text and a \
                 `text/html; charset=UTF-8` part for the HTML, each only when the template \
                 has it (an empty text part when it has neither), `7bit` for ASCII bodies and \
                 `8bit` otherwise, bodies' line ends made CRLF; no Date or Message-ID",
        effect: Effect::Words,
    },
];
