{{ ids_stage_extract('doe', 'doe_assessments', checks=doe_school_year_checks() + [
    (
        'SCORE_OUT_OF_RANGE_FOR_ASSESSMENT',
        "(assessment = 'KRA' and scale_score not between 202 and 298)"
        ~ " or (assessment in ('ELA3', 'MATH3') and scale_score not between 300 and 500)",
    ),
    (
        'KRA_PROFICIENT_DISAGREES_WITH_SCORE',
        "assessment = 'KRA' and (proficient = 'Y') != (scale_score >= 270)",
    ),
]) }}
