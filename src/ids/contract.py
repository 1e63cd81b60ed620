"""The partner extract contract (data-sharing technical appendix) as code.

One place that says, for every extract a data partner sends, which agency sends it, how the file is
delimited and which columns it carries (case included). The generator writes exactly these columns,
the seed properties are generated from it, and a test checks that the dbt sources declare the same.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extract:
    """One partner extract: a file named ``<name>.csv`` (or ``.parquet``)."""

    name: str
    agency: str
    columns: tuple[str, ...]
    delimiter: str = ","
    #: column(s) holding the source person id (see the spec), in the order they appear
    person_id_columns: tuple[str, ...] = ()


EXTRACTS: tuple[Extract, ...] = (
    Extract(
        "dhs_case_members",
        "dhs",
        (
            "case_id", "client_id", "first_name", "middle_name", "last_name", "name_suffix",
            "dob", "ssn", "sex", "race", "hispanic", "relationship_to_head", "program",
            "spell_start", "spell_end", "monthly_benefit", "address_line", "city", "zip",
            "county_fips",
        ),
        person_id_columns=("client_id",),
    ),
    Extract(
        "ece_subsidy_authorizations",
        "ece",
        (
            "authorization_id", "ece_case_id", "child_person_id", "child_first_name",
            "child_last_name", "child_dob", "parent_person_id", "parent_first_name",
            "parent_last_name", "parent_dob", "parent_ssn", "provider_id", "provider_name",
            "provider_quality_rating", "auth_start", "auth_end", "reason", "weekly_hours",
        ),
        person_id_columns=("child_person_id", "parent_person_id"),
    ),
    Extract(
        "dol_ui_wages",
        "dol",
        (
            "ssn", "last_name", "first_initial", "employer_ein", "naics2", "year", "quarter",
            "wages",
        ),
        delimiter="|",
        person_id_columns=("ssn",),
    ),
    Extract(
        "doe_students",
        "doe",
        (
            "state_student_id", "first_name", "middle_name", "last_name", "name_suffix", "dob",
            "sex", "race", "hispanic", "home_language", "ell", "sped", "frl",
        ),
        person_id_columns=("state_student_id",),
    ),
    Extract(
        "doe_enrollments",
        "doe",
        (
            "state_student_id", "school_year", "district_id", "school_id", "grade_level",
            "entry_date", "exit_date", "days_enrolled", "days_attended",
        ),
    ),
    Extract(
        "doe_assessments",
        "doe",
        (
            "state_student_id", "school_year", "assessment", "scale_score", "performance_level",
            "proficient",
        ),
    ),
    Extract(
        "dcf_persons",
        "dcf",
        ("dcf_person_id", "first_name", "last_name", "dob", "ssn", "sex", "race", "hispanic"),
        person_id_columns=("dcf_person_id",),
    ),
    Extract(
        "dcf_reports",
        "dcf",
        (
            "report_id", "report_date", "dcf_person_id", "role", "allegation", "screened_in",
            "finding",
        ),
    ),
    Extract(
        "dcf_removals",
        "dcf",
        (
            "removal_id", "dcf_person_id", "removal_date", "discharge_date", "placement_setting",
            "discharge_reason",
        ),
    ),
    Extract(
        "mcd_eligibility",
        "mcd",
        (
            "medicaid_id", "first_name", "middle_initial", "last_name", "dob", "ssn", "sex",
            "zip", "eligibility_group", "elig_start", "elig_end",
        ),
        person_id_columns=("medicaid_id",),
    ),
    Extract(
        "mcd_claims",
        "mcd",
        (
            "claim_id", "medicaid_id", "service_date", "service_category", "primary_dx",
            "paid_amount",
        ),
    ),
    Extract(
        "hmis_client",
        "hmis",
        (
            "PersonalID", "FirstName", "MiddleName", "LastName", "NameSuffix", "NameDataQuality",
            "SSN", "SSNDataQuality", "DOB", "DOBDataQuality", "Sex",
        ),
        person_id_columns=("PersonalID",),
    ),
    Extract(
        "hmis_enrollment",
        "hmis",
        (
            "EnrollmentID", "PersonalID", "ProjectID", "ProjectType", "HouseholdID",
            "RelationshipToHoH", "EntryDate", "ExitDate", "MoveInDate", "Destination",
        ),
    ),
    Extract(
        "fadss_enrollments",
        "fadss",
        (
            "participant_id", "family_id", "provider_id", "dhs_case_id", "first_name",
            "last_name", "dob", "role", "enroll_date", "exit_date", "exit_reason",
        ),
        person_id_columns=("participant_id",),
    ),
)

#: Project configuration written by the contracting office (shipped as seeds, not partner files).
CONTRACT_TABLES: dict[str, tuple[str, ...]] = {
    "contracts": (
        "contract_id", "contract_name", "program", "provider_id", "start_date", "end_date",
        "max_payment",
    ),
    "contract_outcome_terms": (
        "contract_id", "outcome_id", "metric_id", "window_months", "threshold", "baseline_rate",
        "price_per_outcome", "description",
    ),
}

#: Ground truth written by the synthetic generator only; never read by a mart.
TRUTH_TABLES: dict[str, tuple[str, ...]] = {
    "truth_person_map": ("source_system", "source_person_id", "true_person_id"),
    "truth_family_map": ("true_person_id", "true_family_id", "role_in_family"),
}

SOURCE_SYSTEMS: tuple[str, ...] = ("dhs", "ece", "dol", "doe", "dcf", "mcd", "hmis", "fadss")

EXTRACTS_BY_NAME: dict[str, Extract] = {e.name: e for e in EXTRACTS}
