/// The names of the search tables each mart build gets (made by the
/// pipeline's ServiceSearchPoints and ServiceDocuments, read by the API), in
/// one place so that what is built and what is read cannot drift apart.
public enum SearchTables {
    /// One row per service and thematique, and one under `everyServiceKey`.
    public static let points = "service_search_points"
    /// Each valid service's search-result JSON.
    public static let documents = "service_documents"
    /// The key under which every service is found once in `points`.
    public static let everyServiceKey = "*"
}
