import Foundation

/// What a generated organisation is. The kind decides its names, where it is
/// likely to be listed (GenerationRates.presence) and the codes each
/// producer gives it.
enum OrganisationKind: String, CaseIterable {
    case mairie
    case ccas
    case cias
    case franceServices = "france-services"
    case mediatheque
    case epicerieSociale = "epicerie-sociale"
    case missionLocale = "mission-locale"
    case missionLocaleAntenne = "mission-locale-antenne"
    case restosDuCoeur = "restos-du-coeur"
    case secoursPopulaire = "secours-populaire"
    case croixRouge = "croix-rouge"
    case secoursCatholique = "secours-catholique"
    case emmaus
    case centreSocial = "centre-social"
    case accueilDeJour = "accueil-de-jour"
    /// A local solidarity association (food aid, clothes, help with paperwork).
    case associationSolidarite = "association-solidarite"
    case siae
    case chrs
    case cmp
    case esat
    case mdph
    /// FINESS categories that data·inclusion does not publish (EHPAD, SSIAD):
    /// present in the FINESS file as in the real extract, dropped by staging,
    /// hence never in the truth file.
    case finessOutOfScope = "finess-hors-champ"

    /// Whether its records reach marts.structures (and so the truth file).
    var reachesMarts: Bool { self != .finessOutOfScope }

    /// DORA's `typologie` (seed map_dora__typologies); `activity` is the SIAE
    /// convention for an SIAE.
    func doraTypologie(activity: String?) -> String? {
        switch self {
        case .mairie: return "MUNI"
        case .ccas: return "CCAS"
        case .cias: return "CIAS"
        case .franceServices: return "RFS"
        case .mediatheque: return "BIB"
        case .missionLocale, .missionLocaleAntenne: return "ML"
        case .epicerieSociale, .restosDuCoeur, .secoursPopulaire, .croixRouge, .secoursCatholique, .emmaus, .esat,
             .accueilDeJour, .associationSolidarite:
            return "ASSO"
        case .centreSocial: return "CS"
        case .siae: return activity
        case .chrs: return "CHRS"
        case .cmp: return "CMP"
        case .mdph: return "MDPH"
        case .finessOutOfScope: return nil
        }
    }

    /// DORA's `labels_nationaux` (seed map_dora__labels_nationaux).
    func doraLabels(activity: String?) -> [String] {
        switch self {
        case .ccas, .cias: return ["unccas"]
        case .franceServices: return ["france-service"]
        case .missionLocale, .missionLocaleAntenne: return ["mission-locale"]
        case .restosDuCoeur: return ["restos-du-coeur"]
        case .secoursPopulaire: return ["secours-populaire"]
        case .croixRouge: return ["croix-rouge"]
        case .emmaus: return ["emmaus"]
        case .mdph: return ["mdph"]
        case .mediatheque: return ["conseiller-numerique"]
        case .siae: return activity == "GEIQ" ? ["geiq"] : []
        default: return []
        }
    }

    /// The `kind` of les emplois de l'inclusion, and which of its two files
    /// lists it (SIAE in siaes.json, prescribers in organisations.json).
    func emploisKind(activity: String?) -> (kind: String, isEmployer: Bool) {
        switch self {
        case .siae: return (activity ?? "ACI", true)
        case .ccas, .cias: return ("CCAS", false)
        case .missionLocale, .missionLocaleAntenne: return ("ML", false)
        case .chrs: return ("CHRS", false)
        case .emmaus: return ("OACAS", false)
        case .mdph: return ("DEPT", false)
        default: return ("Autre", false)
        }
    }

    /// Soliguide's `sources` names for the networks it imports (seed map_soliguide__sources).
    var soliguideSourceName: String? {
        switch self {
        case .restosDuCoeur: return "restos"
        case .croixRouge: return "Croix-Rouge française"
        default: return nil
        }
    }

    /// The médiation numérique `typologie` and national programmes.
    var mediationTypologie: [String] {
        switch self {
        case .mairie: return ["MUNI"]
        case .ccas: return ["CCAS"]
        case .cias: return ["CIAS"]
        case .franceServices: return ["RFS"]
        case .mediatheque: return ["BIB"]
        case .missionLocale, .missionLocaleAntenne: return ["ML"]
        case .mdph: return ["MDPH"]
        case .centreSocial: return ["CS"]
        default: return ["ASSO"]
        }
    }

    var mediationProgrammes: [String] {
        switch self {
        case .franceServices: return ["France Services"]
        case .croixRouge: return ["La Croix Rouge"]
        case .emmaus: return ["Emmaüs Connect"]
        case .mediatheque: return ["Conseillers numériques"]
        default: return []
        }
    }
}
