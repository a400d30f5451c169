//! Stages 4 and 5: every address of the request in SES's order, then the recipient count.

use super::*;

/// A finding's field inside an address: `address` is the slot itself.
fn within(slot: Slot, inner: &str) -> String {
    match inner {
        "" | "address" => slot.to_string(),
        inner => format!("{slot}.{inner}"),
    }
}

/// Stage 4: every address, in SES's order.
pub(super) fn address_syntax(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    if let (name, None, _) = facts.sender {
        if let Req::V2(r) = req {
            let content = r.content.as_ref();
            if content.is_some_and(|c| c.simple.is_some()) {
                run.error_explained(
                    name,
                    RequestProblem::MissingFrom,
                    invalid(msg::V2_FROM_MISSING),
                    "FromEmailAddress is required with Simple content (SES answers \
                     BadRequestException with no message text)"
                        .to_string(),
                )?;
            } else if content.is_some_and(|c| c.template.is_some()) {
                run.error_explained(
                    name,
                    RequestProblem::MissingFrom,
                    invalid(msg::SOURCE_CANNOT_BE_EMPTY),
                    "FromEmailAddress is required with Template content".to_string(),
                )?;
            }
        }
    }
    for (slot, input, _) in addresses(facts) {
        let verdict = check_address(input, facts.api);
        if !run.out.advising() {
            if let Err(error) = verdict {
                run.out.error(|| {
                    let message = error.message.to_string();
                    Finding::new(slot.to_string(), Reason::AddressSyntax, message).with_error(error)
                })?;
            }
            continue;
        }
        let found = address_report(input);
        if let Err(error) = verdict {
            let mut f = found.errors.into_iter().next().unwrap_or_else(|| {
                Finding::new(String::new(), Reason::AddressSyntax, String::new())
            });
            f.field = within(slot, &f.field);
            if f.reason == Reason::AddressSyntax {
                f.message = format!("SES rejects the address: {}", error.message);
            }
            f.error = Some(error);
            run.out.error(|| f)?;
        }
        for mut advisory in found.advisories {
            advisory.field = within(slot, &advisory.field);
            run.out.advise(|| advisory);
        }
    }
    Ok(())
}

/// The recipients of the destination, counted up to just past the limit.
fn recipient_count(destination: &Destination) -> usize {
    let mut count = 0;
    for (_, list) in destination.lists() {
        for entry in list {
            count += recipients_of(entry);
            if count > MAX_RECIPIENTS {
                return count;
            }
        }
    }
    count
}

/// Stage 5: no recipients, or too many.
pub(super) fn recipient_count_stage(run: &mut Run, req: Req<'_>, facts: &Facts<'_>) -> Flow {
    match facts.destination {
        Some(dest) if dest.entry_count() == 0 => {
            run.error(
                "Destination",
                RequestProblem::NoRecipients,
                invalid(msg::NO_RECIPIENTS),
            )?;
        }
        Some(dest) => {
            if recipient_count(dest) > MAX_RECIPIENTS {
                run.error(
                    "Destination",
                    RequestProblem::TooManyRecipients,
                    invalid(msg::RECIPIENT_COUNT_EXCEEDED),
                )?;
            }
        }
        None => {
            // v1 already answered ValidationError; v2 Raw content carries its own recipients.
            if let Req::V2(r) = req {
                if r.content
                    .as_ref()
                    .is_some_and(|c| c.simple.is_some() || c.template.is_some())
                {
                    run.error(
                        "Destination",
                        RequestProblem::NoRecipients,
                        invalid(msg::NO_RECIPIENTS),
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots() {
        let slot = Slot {
            name: "Destination.ToAddresses",
            index: Some(3),
        };
        assert_eq!(slot.to_string(), "Destination.ToAddresses[3]");
        assert_eq!(within(slot, "address"), "Destination.ToAddresses[3]");
        assert_eq!(within(slot, "domain"), "Destination.ToAddresses[3].domain");
    }
}
