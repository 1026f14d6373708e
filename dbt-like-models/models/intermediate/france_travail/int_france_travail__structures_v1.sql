-- France Travail agencies in the data·inclusion v1 model
-- (sources/france-travail.md §5): one structure per agency, with the agency's
-- opening hours converted to OSM opening_hours (§3.3).
with

-- The source carries no update date: the agency list is as of its load. The
-- load date is the snapshot's fetch time (_fetch.json, Paris calendar date),
-- else the day of the run that loaded it, else today.
load_dates as (
    select
        runs.run_id,
        coalesce(
            (source_loads.fetched_at at time zone 'Europe/Paris')::date,
            (runs.started_at at time zone 'Europe/Paris')::date
        ) as load_date
    from ops.runs as runs
    left join ops.source_loads as source_loads
        on source_loads.run_id = runs.run_id
        and source_loads.source = 'france-travail'
),

-- one row per agency and day; a day listed twice keeps its first entry. The
-- appointment-only (…RDV) keys are not rendered, as upstream.
days as (
    select distinct on (agences.record_number, day.jour)
        agences.record_number,
        day.jour,
        day.horaire_ferme,
        day.horaire_en_continu,
        day.ouverture_matin,
        day.fermeture_matin,
        day.ouverture_apres_midi,
        day.fermeture_apres_midi
    from {{ ref('stg_france_travail__agences') }} as agences
    cross join lateral jsonb_array_elements(agences.horaires) with ordinality as item (value, position)
    cross join lateral (
        select
            case
                when item.value ->> 'jour' ~ '^\s*\d{1,2}\s*$' then btrim(item.value ->> 'jour')::integer
            end as jour,
            btrim(item.value ->> 'horaireFerme') = 'O' as horaire_ferme,
            btrim(item.value ->> 'horaireEnContinu') = 'O' as horaire_en_continu,
            -- "8:30" becomes "08:30"; anything that is not a time is ignored
            case
                when btrim(item.value ->> 'ouvertureMatin') ~ '^\d{1,2}:\d{2}$'
                    then lpad(btrim(item.value ->> 'ouvertureMatin'), 5, '0')
            end as ouverture_matin,
            case
                when btrim(item.value ->> 'fermetureMatin') ~ '^\d{1,2}:\d{2}$'
                    then lpad(btrim(item.value ->> 'fermetureMatin'), 5, '0')
            end as fermeture_matin,
            case
                when btrim(item.value ->> 'ouvertureApresMidi') ~ '^\d{1,2}:\d{2}$'
                    then lpad(btrim(item.value ->> 'ouvertureApresMidi'), 5, '0')
            end as ouverture_apres_midi,
            case
                when btrim(item.value ->> 'fermetureApresMidi') ~ '^\d{1,2}:\d{2}$'
                    then lpad(btrim(item.value ->> 'fermetureApresMidi'), 5, '0')
            end as fermeture_apres_midi
    ) as day
    where jsonb_typeof(item.value) = 'object'
        -- upstream knows Monday (1) to Friday (5) only and fails on anything
        -- else; Saturday and Sunday are rendered here, other values ignored
        -- (and listed by int_france_travail__unknown_values)
        and day.jour between 1 and 7
    order by agences.record_number, day.jour, item.position
),

-- the time selector of each open day: a continuous day is one span from the
-- morning opening to the afternoon closing, otherwise the morning and/or
-- afternoon spans
day_selectors as (
    select
        days.record_number,
        days.jour,
        case
            when days.horaire_ferme then null
            when days.horaire_en_continu
                and days.ouverture_matin is not null
                and days.fermeture_apres_midi is not null
                then days.ouverture_matin || '-' || days.fermeture_apres_midi
            else nullif(
                concat_ws(
                    ',',
                    case
                        when days.ouverture_matin is not null and days.fermeture_matin is not null
                            then days.ouverture_matin || '-' || days.fermeture_matin
                    end,
                    case
                        when days.ouverture_apres_midi is not null and days.fermeture_apres_midi is not null
                            then days.ouverture_apres_midi || '-' || days.fermeture_apres_midi
                    end
                ),
                ''
            )
        end as time_selector
    from days
),

-- consecutive days with the same hours form one rule (Mo-Th): days of a run
-- share the difference between their number and their rank
rules as (
    select
        islands.record_number,
        min(islands.jour) as first_day,
        max(islands.jour) as last_day,
        islands.time_selector
    from (
        select
            day_selectors.record_number,
            day_selectors.jour,
            day_selectors.time_selector,
            day_selectors.jour - row_number() over (
                partition by day_selectors.record_number, day_selectors.time_selector
                order by day_selectors.jour
            ) as island
        from day_selectors
        where day_selectors.time_selector is not null
    ) as islands
    group by islands.record_number, islands.time_selector, islands.island
),

opening_hours as (
    select
        agences.record_number,
        -- every rule says "without appointment"; the list always ends with
        -- "PH off", so an empty week gives just "PH off"
        concat_ws(
            '; ',
            string_agg(
                case
                    when rules.first_day = rules.last_day then day_name.first_day
                    else day_name.first_day || '-' || day_name.last_day
                end
                || ' ' || rules.time_selector || ' open "Sans rendez-vous"',
                '; ' order by rules.first_day
            ),
            'PH off'
        ) as horaires_accueil
    from {{ ref('stg_france_travail__agences') }} as agences
    left join rules
        on rules.record_number = agences.record_number
    left join lateral (
        select
            (array['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'])[rules.first_day] as first_day,
            (array['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'])[rules.last_day] as last_day
    ) as day_name on true
    where agences.horaires is not null
    group by agences.record_number
)

select
    'france-travail' as source,
    'france-travail--' || agences.code as id,
    agences.libelle_etendu as nom,
    coalesce(load_dates.load_date, current_date) as date_maj,
    null::text as description,
    null::text as lien_source,
    agences.siret,
    -- an address is published only when it has a street line and a
    -- locality (sources/README §3). A municipal arrondissement (Lyon 3e)
    -- becomes its commune, as upstream's geocoding does.
    case when address.is_kept then coalesce(parent_commune.nom, commune.nom) end as commune,
    case when address.is_kept then agences.code_postal end as code_postal,
    case when address.is_kept then coalesce(parent_commune.code_insee, agences.code_insee) end as code_insee,
    case when address.is_kept then agences.adresse end as adresse,
    case when address.is_kept then agences.complement_adresse end as complement_adresse,
    case when address.is_kept then agences.longitude end as longitude,
    case when address.is_kept then agences.latitude end as latitude,
    -- every agency answers on the national number; the agency phone and
    -- e-mail are not published (France Travail's request)
    '3949' as telephone,
    null::text as courriel,
    'https://www.francetravail.fr' as site_web,
    opening_hours.horaires_accueil,
    case
        when agences.dispositif_adeda
            then 'https://www.francetravail.fr/actualites/a-laffiche/2022/adeda-un-dispositif-pour-mieux-a.html'
    end as accessibilite_lieu,
    array['france-travail'] as reseaux_porteurs
from {{ ref('stg_france_travail__agences') }} as agences
left join load_dates
    on load_dates.run_id = agences.run_id
left join {{ ref('ref_communes') }} as commune
    on commune.code_insee = agences.code_insee
    and commune.type in ('COM', 'ARM')
left join {{ ref('ref_communes') }} as parent_commune
    on commune.type = 'ARM'
    and parent_commune.code_insee = commune.code_commune_parent
    and parent_commune.type = 'COM'
left join opening_hours
    on opening_hours.record_number = agences.record_number
cross join lateral (
    select
        (agences.adresse is not null or agences.complement_adresse is not null)
        and (agences.code_insee is not null or agences.code_postal is not null) as is_kept
) as address
