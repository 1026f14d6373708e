import Logging
import PostgresNIO
import WarehouseDatabase

/// Services of duplicated structures are one service published twice when
/// they offer the same type and the same thematiques: they share a cluster
/// id made of the structure cluster's id and a digest of that offer, so it is
/// as stable as the structure cluster. Every other service is its own cluster.
enum ServiceClustering {
    /// Updates `cluster_id` of the build's services from its structures'
    /// cluster ids (written just before, in the same transaction); returns
    /// how many services share their cluster with a service of another
    /// structure.
    static func apply(buildSchema: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            with duplicated_structures as (
                select sized.structure_id, sized.cluster_id
                from (
                    select structures.id as structure_id, structures.cluster_id,
                           count(*) over (partition by structures.cluster_id) as size
                    from \(buildSchema).structures as structures
                    where structures.cluster_id is not null
                ) as sized
                where sized.size > 1
            ),
            offers as (
                select
                    services.id as service_id,
                    services.structure_id as structure_id,
                    members.cluster_id as structure_cluster_id,
                    coalesce(services.type, '') || '|'
                        || coalesce((select string_agg(thematique, ',' order by thematique)
                                     from unnest(services.thematiques) as thematique), '') as offer
                from \(buildSchema).services as services
                inner join duplicated_structures as members on members.structure_id = services.structure_id
            ),
            shared_offers as (
                select structure_cluster_id, offer
                from offers
                group by structure_cluster_id, offer
                having count(distinct structure_id) > 1
            ),
            clustered as (
                update \(buildSchema).services as services
                set cluster_id = offers.structure_cluster_id || '/' || left(md5(offers.offer), 8)
                from offers
                inner join shared_offers using (structure_cluster_id, offer)
                where services.id = offers.service_id
                returning services.id
            )
            select count(*)::int from clustered
            """), logger: logger).collect()
        return try rows.first?.decode(Int.self) ?? 0
    }
}
