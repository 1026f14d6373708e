-- monenfant crèches as data·inclusion v1 structures (sources/monenfant.md §5):
-- one structure per crèche, with its address (no coordinates, no INSEE code).
with

addresses as (
    select
        creches.id,
        -- "4 impasse Test - Résidence Les Tilleuls": the street is the part
        -- before " - ", the complement the part after it
        nullif(
            concat_ws(
                ' ',
                creches.numero_voie,
                creches.type_voie,
                nullif(btrim(split_part(creches.nom_voie, ' - ', 1), E' \t\r\n'), '')
            ),
            ''
        ) as adresse,
        case
            when strpos(creches.nom_voie, ' - ') > 0
                then nullif(btrim(substr(creches.nom_voie, strpos(creches.nom_voie, ' - ') + 3), E' \t\r\n'), '')
        end as complement_adresse
    from {{ ref('stg_monenfant__creches') }} as creches
)

select
    'monenfant' as source,
    'monenfant--' || creches.id as id,
    creches.nom,
    creches.date_maj,
    nullif(
        concat_ws(
            E'\n\n',
            '## Le gestionnaire :' || E'\n\n' || creches.presentation_gestionnaire,
            '## L’équipe :' || E'\n\n' || creches.presentation_equipe
        ),
        ''
    ) as description,
    -- the site's page: name, type and id as path segments. Upstream puts
    -- the name in unencoded, which is not a valid URL as soon as it has a
    -- space; here it is percent-encoded (UTF-8 bytes, RFC 3986)
    'https://monenfant.fr/que-recherchez-vous/'
        || coalesce(
            (
                select string_agg(
                    case
                        when byte.value between 48 and 57
                            or byte.value between 65 and 90
                            or byte.value between 97 and 122
                            or byte.value in (45, 46, 95, 126)
                            then chr(byte.value)
                        else '%' || upper(lpad(to_hex(byte.value), 2, '0'))
                    end,
                    '' order by byte.position
                )
                from generate_series(0, octet_length(convert_to(creches.nom, 'UTF8')) - 1) as byte_index (position)
                cross join lateral (
                    select
                        byte_index.position,
                        get_byte(convert_to(creches.nom, 'UTF8'), byte_index.position) as value
                ) as byte
            ),
            ''
        )
        || '/' || coalesce(creches.structure_type, 'EAJE')
        || '/' || creches.id as lien_source,
    -- an address is published only when it has a street line and a
    -- locality; otherwise all its fields stay empty (sources/README §3)
    case when address.is_kept then creches.commune end as commune,
    case when address.is_kept then creches.code_postal end as code_postal,
    null::text as code_insee,
    case when address.is_kept then addresses.adresse end as adresse,
    case when address.is_kept then addresses.complement_adresse end as complement_adresse,
    null::double precision as longitude,
    null::double precision as latitude,
    creches.telephone,
    creches.courriel,
    creches.site_web,
    creches.horaires_osm as horaires_accueil,
    -- every crèche listed on monenfant.fr is approved and funded by the CAF
    array['caf'] as reseaux_porteurs
from {{ ref('stg_monenfant__creches') }} as creches
inner join addresses
    on addresses.id = creches.id
cross join lateral (
    select
        (addresses.adresse is not null or addresses.complement_adresse is not null)
        and (creches.commune is not null or creches.code_postal is not null) as is_kept
) as address
