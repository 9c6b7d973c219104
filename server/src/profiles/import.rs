//! Reading many profile documents at once: a JSON array, JSON lines, or CSV with the documented
//! column set (README). Each row parses on its own; a bad row becomes a [`RowError`] naming the
//! row and field, and never stops the others.

use clearance_app::model::error::AppError;
use clearance_app::model::person::RowError;
use clearance_app::model::person_form::PersonForm;
use clearance_app::model::profile::ProfileDocument;

/// More rows than this in one import are refused (split the file).
pub const MAX_ROWS: usize = 100_000;

pub type Parsed = Vec<(usize, Result<ProfileDocument, RowError>)>;

fn row_error(row: usize, field: impl Into<String>, error: impl Into<String>) -> RowError {
    let error: String = error
        .into()
        .chars()
        .filter(|c| !c.is_control())
        .take(300)
        .collect();
    RowError {
        row,
        field: field.into(),
        error,
    }
}

fn document(row: usize, value: serde_json::Value) -> Result<ProfileDocument, RowError> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let field = err.path().to_string();
        row_error(
            row,
            if field == "." {
                "document".into()
            } else {
                field
            },
            err.inner().to_string(),
        )
    })
}

fn too_many(rows: usize) -> AppError {
    AppError::malformed(
        "file",
        format!("has {rows} rows; at most {MAX_ROWS} are imported at once: split the file"),
    )
}

/// A JSON array of documents, or one document per line (JSON lines).
pub fn parse_json(body: &str) -> Result<Parsed, AppError> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('[') {
        let values: Vec<serde_json::Value> = serde_json::from_str(trimmed).map_err(|e| {
            AppError::malformed(
                "file",
                format!("is not a JSON array of profile documents: {e}"),
            )
        })?;
        if values.len() > MAX_ROWS {
            return Err(too_many(values.len()));
        }
        return Ok(values
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i + 1, document(i + 1, v)))
            .collect());
    }
    let mut rows = Vec::new();
    for (i, line) in trimmed
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let row = i + 1;
        let parsed = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|e| row_error(row, "line", format!("is not JSON: {e}")))
            .and_then(|v| document(row, v));
        rows.push((row, parsed));
        if rows.len() > MAX_ROWS {
            return Err(too_many(rows.len()));
        }
    }
    Ok(rows)
}

/// The CSV columns, each a field of the entry form (README lists them).
pub const CSV_COLUMNS: [&str; 36] = [
    "kind",
    "legal_name",
    "preferred_name",
    "dob",
    "nationality",
    "residence_city",
    "residence_country",
    "timezone",
    "languages",
    "email",
    "email_2",
    "phone",
    "phone_type",
    "phone_2",
    "home_address",
    "home_city",
    "home_postal_code",
    "home_country",
    "shipping_address",
    "shipping_city",
    "shipping_postal_code",
    "shipping_country",
    "employer",
    "employer_domain",
    "github_login",
    "github_created",
    "linkedin_url",
    "pay_method",
    "pay_platform",
    "bank_country",
    "account_holder",
    "iban",
    "wallet_chain",
    "wallet_address",
    "source_type",
    "agency_name",
];

fn set(form: &mut PersonForm, column: &str, value: String) {
    match column {
        "kind" => form.kind = value,
        "legal_name" => form.legal_name = value,
        "preferred_name" => form.preferred_name = value,
        "dob" => form.dob = value,
        "nationality" => form.nationality = value,
        "residence_city" => form.residence_city = value,
        "residence_country" => form.residence_country = value,
        "timezone" => form.timezone = value,
        "languages" => form.languages = value,
        "email" | "email_2" => form.emails.push(value),
        "phone" => form.phones.insert(0, value),
        "phone_type" => form.phone_types.insert(0, value),
        "phone_2" => form.phones.push(value),
        "home_address" => form.home_line1 = value,
        "home_city" => form.home_city = value,
        "home_postal_code" => form.home_postal_code = value,
        "home_country" => form.home_country = value,
        "shipping_address" => form.ship_line1 = value,
        "shipping_city" => form.ship_city = value,
        "shipping_postal_code" => form.ship_postal_code = value,
        "shipping_country" => form.ship_country = value,
        "employer" => form.employers.push(value),
        "employer_domain" => form.employer_domains.push(value),
        "github_login" => form.github_login = value,
        "github_created" => form.github_created = value,
        "linkedin_url" => form.linkedin_url = value,
        "pay_method" => form.pay_method = value,
        "pay_platform" => form.pay_platform = value,
        "bank_country" => form.bank_country = value,
        "account_holder" => form.account_holder = value,
        "iban" => form.iban = value,
        "wallet_chain" => form.wallet_chain = value,
        "wallet_address" => form.wallet_address = value,
        "source_type" => form.source_type = value,
        "agency_name" => form.agency_name = value,
        _ => {}
    }
}

/// CSV with a header row naming [`CSV_COLUMNS`] (any order, any subset, `legal_name` required).
pub fn parse_csv(body: &str) -> Result<Parsed, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::malformed("file", format!("has no readable CSV header: {e}")))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    if let Some(unknown) = headers.iter().find(|h| !CSV_COLUMNS.contains(&h.as_str())) {
        return Err(AppError::malformed(
            "file",
            format!(
                "has an unknown column \"{unknown}\"; the columns are: {}",
                CSV_COLUMNS.join(", ")
            ),
        ));
    }
    if !headers.iter().any(|h| h == "legal_name") {
        return Err(AppError::malformed("file", "needs a legal_name column"));
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let parsed = match record {
            Ok(record) => {
                let mut form = PersonForm::default();
                for (column, value) in headers.iter().zip(record.iter()) {
                    set(&mut form, column, value.to_owned());
                }
                Ok(form.to_document())
            }
            Err(e) => Err(row_error(row, "row", format!("is not valid CSV: {e}"))),
        };
        rows.push((row, parsed));
        if rows.len() > MAX_ROWS {
            return Err(too_many(rows.len()));
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_array_parses_row_by_row_and_names_bad_fields() {
        let rows = parse_json(
            r#"[{"identity":{"legal_name":{"full":"A"}}}, {"identity":{"nationality":[1]}}]"#,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].1.is_ok());
        let err = rows[1].1.clone().unwrap_err();
        assert_eq!(
            (err.row, err.field.as_str()),
            (2, "identity.nationality[0]")
        );
    }

    #[test]
    fn json_lines_report_the_line_number() {
        let rows =
            parse_json("{\"identity\":{\"legal_name\":{\"full\":\"A\"}}}\n\nnot json\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1.clone().unwrap_err().error.contains("not JSON"));
    }

    #[test]
    fn a_broken_json_array_is_refused_whole() {
        assert_eq!(parse_json("[{").unwrap_err().field(), Some("file"));
    }

    #[test]
    fn csv_maps_the_documented_columns_and_quotes() {
        let csv = "legal_name,email,phone,phone_type,shipping_address,iban\n\"Doe, Jane\",jane@example.com,+14155550100,voip,\"1 Main St, Unit 2\",GB29NWBK60161331926819\n";
        let rows = parse_csv(csv).unwrap();
        let doc = rows[0].1.clone().unwrap();
        assert_eq!(doc.identity.legal_name.full, "Doe, Jane");
        assert_eq!(doc.contact.phones[0].line_type.as_deref(), Some("voip"));
        assert_eq!(doc.addresses[0].line1, "1 Main St, Unit 2");
        assert_eq!(
            doc.payment_instructions[0].method, "other",
            "an IBAN without a method is still a payout"
        );
    }

    #[test]
    fn unknown_csv_columns_and_ragged_rows_are_reported() {
        assert!(parse_csv("legal_name,favourite\nA,b\n")
            .unwrap_err()
            .to_string()
            .contains("favourite"));
        assert!(parse_csv("email\na@b.co\n")
            .unwrap_err()
            .to_string()
            .contains("legal_name"));
        let rows = parse_csv("legal_name,email\nA,a@b.co\nB\n").unwrap();
        assert_eq!(rows[1].0, 2);
        assert!(rows[1].1.is_err());
    }
}
