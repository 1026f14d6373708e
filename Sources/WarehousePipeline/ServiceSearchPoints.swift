import WarehouseCore

/// `service_search_points`: a narrow copy of a build's services holding the
/// columns `/search/services` filters on, with each service's point stored
/// (computing it per row cost more than the rest of the search). Each
/// service has one row under the key `*` (every service) and one per
/// thematique, and the GiST index is on (thematique, point): a search for a
/// thematique around a commune reads that thematique's services in the
/// radius' box (about a sixth of the box's services), a search without one
/// reads the `*` rows. Rows are ordered by remote flag, key, then geohash,
/// so that a radius reads a few neighbouring pages. A materialized view, so
/// publishing (which points `marts.*` at the build's tables) leaves it out;
/// it goes with its version's schema. Only the services the API serves are
/// copied: valid, of a valid structure (data·inclusion drops the services of
/// a structure it does not publish); checking each candidate's structure at
/// query time cost a lookup per row of the radius.
enum ServiceSearchPoints {
    static let name = SearchTables.points
    static let everyServiceKey = SearchTables.everyServiceKey

    /// Remote services are kept wherever they are: the search reads them
    /// through the partial index, nearby ones through the spatial index.
    static let isRemote = "coalesce('a-distance' = any(modes_accueil), false)"

    static func statements(schema: String) -> [String] {
        let hasValidPoint = "latitude between -90 and 90 and longitude between -180 and 180"
        return [
            // Keys and ids compare bytewise (collation "C"): the database's
            // C.UTF-8 goes through strcoll, which the index scans pay for.
            """
            create materialized view if not exists \(schema).\(name) as
            select
                keys.thematique collate "C" as thematique,
                id collate "C" as id, structure_id, _is_valid, source, code_departement, code_region, score_qualite,
                frais, publics, publics_precisions, modes_accueil, type, zone_eligibilite,
                latitude, longitude,
                \(isRemote) as is_remote,
                case when \(hasValidPoint) then geography(st_setsrid(st_makepoint(longitude, latitude), 4326)) end as point
            from \(schema).services
            cross join lateral (
                select '\(everyServiceKey)'::text union select unnest(services.thematiques)
            ) as keys (thematique)
            where services._is_valid
                and exists (select from \(schema).structures as owners where owners.id = services.structure_id and owners._is_valid)
            order by
                \(isRemote) desc,
                keys.thematique collate "C",
                case when \(hasValidPoint) then st_geohash(st_setsrid(st_makepoint(longitude, latitude), 4326), 5) end nulls last,
                id collate "C"
            """,
            "create index if not exists service_search_points_point on \(schema).\(name) using gist (thematique, point)",
            "create index if not exists service_search_points_remote on \(schema).\(name) (thematique) where is_remote",
            "analyze \(schema).\(name)",
        ]
    }
}
