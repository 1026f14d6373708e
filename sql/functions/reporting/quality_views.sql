-- Quality of the published data per source (docs/reporting.md). Made by
-- ops.create_reporting_views() (marts_views.sql) after every publication.
create or replace function ops.create_quality_views() returns void
language plpgsql
as $$
begin
    perform ops.replace_reporting_view('score_qualite_per_source', $body$
    with records as (
        select 'structure'::text as entity, source, score_qualite::float8 as score from marts.structures
        union all
        select 'service', source, score_qualite::float8 from marts.services
    )
    select
        source,
        entity,
        count(*) as records,
        round(avg(score)::numeric, 3) as mean_score,
        round(min(score)::numeric, 3) as min_score,
        round((percentile_cont(0.25) within group (order by score))::numeric, 3) as p25_score,
        round((percentile_cont(0.5) within group (order by score))::numeric, 3) as median_score,
        round((percentile_cont(0.75) within group (order by score))::numeric, 3) as p75_score,
        round(max(score)::numeric, 3) as max_score
    from records
    group by source, entity
    $body$);
    comment on view reporting.score_qualite_per_source is 'Per source and entity (service, structure): the distribution of score_qualite over its published records (valid or not).';
    comment on column reporting.score_qualite_per_source.source is 'The source slug.';
    comment on column reporting.score_qualite_per_source.entity is 'service, or structure (whose score is the mean of its valid services'').';
    comment on column reporting.score_qualite_per_source.records is 'Published records.';
    comment on column reporting.score_qualite_per_source.mean_score is 'Mean score_qualite, 0 to 1.';
    comment on column reporting.score_qualite_per_source.min_score is 'Lowest.';
    comment on column reporting.score_qualite_per_source.p25_score is 'First quartile (continuous percentile).';
    comment on column reporting.score_qualite_per_source.median_score is 'Median.';
    comment on column reporting.score_qualite_per_source.p75_score is 'Third quartile.';
    comment on column reporting.score_qualite_per_source.max_score is 'Highest.';

    perform ops.replace_reporting_view('score_qualite_bands', $body$
    with records as (
        select 'structure'::text as entity, source, score_qualite::float8 as score from marts.structures
        union all
        select 'service', source, score_qualite::float8 from marts.services
    )
    select
        source,
        entity,
        round(least(floor(score * 10), 9)::numeric / 10, 1) as band_from,
        round((least(floor(score * 10), 9) + 1)::numeric / 10, 1) as band_to,
        count(*) as records
    from records
    group by source, entity, least(floor(score * 10), 9)
    $body$);
    comment on view reporting.score_qualite_bands is 'Histogram of score_qualite per source and entity in tenths: one row per non-empty band [band_from, band_to) (the last band includes 1).';
    comment on column reporting.score_qualite_bands.source is 'The source slug.';
    comment on column reporting.score_qualite_bands.entity is 'service or structure.';
    comment on column reporting.score_qualite_bands.band_from is 'Lowest score of the band (included).';
    comment on column reporting.score_qualite_bands.band_to is 'Highest score of the band (excluded, but 1 is in the 0.9–1 band).';
    comment on column reporting.score_qualite_bands.records is 'Published records whose score falls in it.';

    perform ops.replace_reporting_view('validation_errors_per_rule', $body$
    select source, entity, field, rule, count(*) as errors, count(distinct id) as records
    from marts.validation_errors
    group by source, entity, field, rule
    $body$);
    comment on view reporting.validation_errors_per_rule is 'v1 validation errors of the published records per source, entity, field and rule (marts.validation_errors counted).';
    comment on column reporting.validation_errors_per_rule.source is 'The source slug.';
    comment on column reporting.validation_errors_per_rule.entity is 'structure or service.';
    comment on column reporting.validation_errors_per_rule.field is 'The v1 field at fault.';
    comment on column reporting.validation_errors_per_rule.rule is 'The rule it breaks (required, enum, email, length…).';
    comment on column reporting.validation_errors_per_rule.errors is 'Errors (a list field may give one per bad value).';
    comment on column reporting.validation_errors_per_rule.records is 'Distinct records with such an error.';

    perform ops.replace_reporting_view('contact_quality_per_source', $body$
    with records as (
        select 'structure'::text as entity, source, id, _geocoding_precision, telephone, courriel, siret_is_valid(siret) as siret_valid
        from marts.structures
        union all
        select 'service', source, id, _geocoding_precision, telephone, courriel, null::boolean
        from marts.services
    ),
    checked as (
        select records.*,
               public.phone_e164(records.telephone) is not null as phone_valid,
               records.courriel is not null and not exists (
                   select 1 from marts.validation_errors as errors
                   where errors.entity = records.entity and errors.id = records.id and errors.field = 'courriel') as email_valid
        from records
    )
    select
        source,
        entity,
        count(*) as records,
        round(avg((_geocoding_precision = 'address')::int), 3) as share_geocoded_address,
        round(avg((_geocoding_precision = 'commune')::int), 3) as share_geocoded_commune,
        round(avg((_geocoding_precision = 'none')::int), 3) as share_not_geocoded,
        round(avg(phone_valid::int), 3) as share_valid_phone,
        round(avg(email_valid::int), 3) as share_valid_email,
        round(avg(siret_valid::int), 3) as share_valid_siret
    from checked
    group by source, entity
    $body$);
    comment on view reporting.contact_quality_per_source is 'Per source and entity: shares (0 to 1) of published records geocoded at the address or only at the commune, with a valid phone, e-mail and (structures) SIRET.';
    comment on column reporting.contact_quality_per_source.source is 'The source slug.';
    comment on column reporting.contact_quality_per_source.entity is 'structure or service.';
    comment on column reporting.contact_quality_per_source.records is 'Published records (valid or not).';
    comment on column reporting.contact_quality_per_source.share_geocoded_address is 'Share whose coordinates locate the address (_geocoding_precision address).';
    comment on column reporting.contact_quality_per_source.share_geocoded_commune is 'Share located only at their commune''s point.';
    comment on column reporting.contact_quality_per_source.share_not_geocoded is 'Share with no coordinates.';
    comment on column reporting.contact_quality_per_source.share_valid_phone is 'Share whose telephone makes a valid French or overseas number (phone_e164 not null).';
    comment on column reporting.contact_quality_per_source.share_valid_email is 'Share with an e-mail that breaks no v1 rule.';
    comment on column reporting.contact_quality_per_source.share_valid_siret is 'Share of structures whose SIRET has 14 digits and a valid Luhn key; null for services (they have none).';

    perform ops.replace_reporting_view('freshness_per_source', $body$
    with records as (
        select 'structure'::text as entity, source, date_maj from marts.structures
        union all
        select 'service', source, date_maj from marts.services
    )
    select
        source,
        entity,
        count(*) as records,
        count(*) filter (where date_maj is null) as without_date_maj,
        min(date_maj) as oldest_date_maj,
        max(date_maj) as newest_date_maj,
        (percentile_disc(0.5) within group (order by current_date - date_maj)) as median_age_days,
        round(avg((current_date - date_maj <= 365)::int) filter (where date_maj is not null), 3) as share_updated_within_a_year
    from records
    group by source, entity
    $body$);
    comment on view reporting.freshness_per_source is 'Per source and entity: how old the published records'' date_maj (last change at the producer) are, in days from today.';
    comment on column reporting.freshness_per_source.source is 'The source slug.';
    comment on column reporting.freshness_per_source.entity is 'structure or service.';
    comment on column reporting.freshness_per_source.records is 'Published records.';
    comment on column reporting.freshness_per_source.without_date_maj is 'Records with no date_maj (invalid in v1).';
    comment on column reporting.freshness_per_source.oldest_date_maj is 'Oldest date_maj.';
    comment on column reporting.freshness_per_source.newest_date_maj is 'Newest date_maj.';
    comment on column reporting.freshness_per_source.median_age_days is 'Median of today - date_maj, in days (records with a date_maj).';
    comment on column reporting.freshness_per_source.share_updated_within_a_year is 'Share of records with a date_maj whose date_maj is at most 365 days old.';
end
$$;

revoke all on function ops.create_quality_views() from public;
