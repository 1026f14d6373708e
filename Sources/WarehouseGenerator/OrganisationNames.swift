import Foundation

/// The names an organisation goes by: its official name first, then the
/// usual variants with their relative frequency ("Centre communal d'action
/// sociale de Rennes", "CCAS de Rennes", "C.C.A.S. Rennes"…).
enum OrganisationNames {
    /// What a name may mention besides the commune.
    struct Context {
        /// A proper name: "Jacques Prévert", "La Passerelle".
        var properName: String?
        /// The head office's name and commune, for an antenne.
        var headOfficeName: String?
        var headOfficeLocality: String?
        /// Tells apart two branches of one network in a city ("Centre Gambetta").
        var branchLabel: String?
        /// A CMP sector number in a city with several.
        var sector: Int?
    }

    /// "de Rennes", "d'Angers", "du Mans", "des Andelys", "de La Rochelle".
    static func de(_ place: String) -> String {
        if place.hasPrefix("Le ") { return "du " + place.dropFirst(3) }
        if place.hasPrefix("Les ") { return "des " + place.dropFirst(4) }
        if let first = place.first, "AEIOUYÉÈÊÂÎÔaeiouyéèêâîô".contains(first) { return "d'" + place }
        return "de " + place
    }

    /// "1er", "2e".
    static func ordinal(_ number: Int) -> String { number == 1 ? "1er" : "\(number)e" }

    static func names(kind: OrganisationKind, activity: String?, territory: Territory, context: Context) -> [(text: String, weight: Double)] {
        let population = territory.population
        // an arrondissement's bodies are named after the city and the arrondissement ("Lyon 8e")
        let place = territory.placeName
        let ofPlace = de(place)
        let branch = context.branchLabel.map { "\(place) - \($0)" } ?? place
        switch kind {
        case .mairie:
            if let number = territory.arrondissementNumber {
                let ordinalText = ordinal(number)
                return [
                    ("Mairie du \(ordinalText) arrondissement \(de(territory.locality))", 2),
                    ("Mairie du \(ordinalText) arrondissement", 2),
                    ("Mairie \(territory.locality) \(ordinalText)", 1),
                    ("Mairie d'arrondissement \(territory.locality) \(ordinalText)", 0.5),
                ]
            }
            return [
                ("Mairie \(ofPlace)", 3), ("Mairie \(place)", 1.5),
                ("Hôtel de ville \(ofPlace)", population >= 10_000 ? 1 : 0.2),
                ("Commune \(ofPlace)", population < 5000 ? 0.8 : 0.2),
                ("Ville \(ofPlace)", population >= 10_000 ? 0.8 : 0.1),
                ("Mairie \(ofPlace) - Accueil", 0.3),
            ]
        case .ccas:
            if territory.arrondissementNumber != nil, territory.locality == "Paris" {
                let ordinalText = ordinal(territory.arrondissementNumber!)
                return [
                    ("Centre d'action sociale de la Ville de Paris - \(ordinalText) arrondissement", 2),
                    ("CASVP \(ordinalText)", 1.5), ("CASVP - section du \(ordinalText) arrondissement", 1),
                    ("Centre d'action sociale du \(ordinalText) arrondissement", 1),
                ]
            }
            return [
                ("Centre communal d'action sociale \(ofPlace)", 2), ("CCAS \(ofPlace)", 3), ("CCAS \(place)", 1),
                ("C.C.A.S. \(place)", 0.6), ("Centre Communal d'Action Sociale (CCAS) \(ofPlace)", 0.6),
                ("CCAS - Mairie \(ofPlace)", 0.3), ("Pôle solidarités - CCAS \(ofPlace)", 0.3),
            ]
        case .cias:
            return [
                ("Centre intercommunal d'action sociale \(ofPlace)", 2), ("CIAS \(ofPlace)", 2),
                ("CIAS du Pays \(ofPlace)", 1), ("C.I.A.S. \(place)", 0.5),
            ]
        case .franceServices:
            return [
                ("France Services \(ofPlace)", 1.5), ("France Services \(place)", 2), ("Espace France Services \(ofPlace)", 1.5),
                ("Maison France Services \(ofPlace)", 1), ("France services - \(place)", 1), ("MFS \(place)", 0.3),
            ]
        case .mediatheque:
            if let properName = context.properName {
                return [
                    ("Médiathèque \(properName)", 3), ("Médiathèque \(properName) - \(place)", 1.5),
                    ("Médiathèque municipale \(ofPlace)", 1), ("Bibliothèque \(properName)", 0.5),
                    ("Espace numérique - Médiathèque \(properName)", 0.5),
                ]
            }
            return [
                ("Médiathèque \(ofPlace)", 3), ("Médiathèque municipale \(ofPlace)", 1.5),
                ("Bibliothèque municipale \(ofPlace)", 1), ("Espace public numérique \(ofPlace)", 0.5),
            ]
        case .epicerieSociale:
            let properName = context.properName ?? "solidaire"
            return [
                ("Épicerie sociale \(properName)", 2), ("Épicerie solidaire \(properName) - \(place)", 1),
                ("\(properName) - épicerie sociale \(ofPlace)", 1), ("Épicerie sociale \(ofPlace)", 1),
            ]
        case .missionLocale:
            let base = context.headOfficeName ?? "Mission locale \(ofPlace)"
            return [
                (base, 3), ("Mission Locale \(place)", 1), ("ML \(place)", 0.5), ("\(base) - siège", 0.4),
                ("Mission locale pour l'insertion des jeunes \(ofPlace)", 0.5),
            ]
        case .missionLocaleAntenne:
            let base = context.headOfficeName ?? "Mission locale"
            let head = context.headOfficeLocality ?? place
            return [
                ("\(base) - antenne \(ofPlace)", 2), ("Antenne \(ofPlace) - \(base)", 1),
                ("Mission locale \(head) (antenne \(ofPlace))", 1), ("Mission Locale - Antenne \(ofPlace)", 1),
                // the antenne under the head office's bare name: only its address tells it apart
                (base, 0.4),
            ]
        case .restosDuCoeur:
            return [
                ("Restos du Cœur \(branch)", 3), ("Les Restaurants du Cœur - \(branch)", 2),
                ("Restos du coeur \(de(branch))", 1), ("Centre des Restos du Cœur \(ofPlace)", 0.8),
                ("Restaurants du Cœur \(branch)", 1),
            ]
        case .secoursPopulaire:
            return [
                ("Secours populaire français - Comité \(de(branch))", 2), ("Secours Populaire \(branch)", 2),
                ("SPF \(branch)", 0.6), ("Comité local du Secours populaire \(ofPlace)", 1),
            ]
        case .croixRouge:
            return [
                ("Croix-Rouge française - Unité locale \(de(branch))", 2), ("Croix-Rouge \(branch)", 2),
                ("Unité locale de la Croix-Rouge \(ofPlace)", 1), ("Croix Rouge Française \(branch)", 1),
                ("CRF UL \(branch)", 0.3),
            ]
        case .secoursCatholique:
            return [
                ("Secours catholique - Caritas France \(branch)", 1.5), ("Secours Catholique \(branch)", 2),
                ("Accueil du Secours catholique \(ofPlace)", 1), ("Équipe locale Secours catholique \(ofPlace)", 0.8),
            ]
        case .emmaus:
            return [
                ("Communauté Emmaüs \(ofPlace)", 2), ("Emmaüs \(place)", 2), ("Emmaus \(place)", 0.5),
                ("Association Emmaüs \(ofPlace)", 0.8),
            ]
        case .centreSocial:
            let properName = context.properName ?? place
            return [
                ("Centre social \(properName)", 3), ("Centre socioculturel \(properName)", 1),
                ("Centre social \(properName) - \(place)", 1), ("Maison de quartier \(properName)", 0.6),
                ("CSC \(properName)", 0.4),
            ]
        case .accueilDeJour:
            let properName = context.properName ?? place
            return [
                ("Accueil de jour \(properName)", 3), ("Accueil de jour \(ofPlace)", 1), ("\(properName) - accueil de jour", 1),
                ("Boutique solidarité \(properName)", 0.5),
            ]
        case .associationSolidarite:
            let properName = context.properName ?? "Solidarité"
            return [
                ("\(properName) \(place)", 3), ("Association \(properName) \(ofPlace)", 1.5), ("\(properName)", 1),
                ("Asso \(properName) - \(place)", 0.4),
            ]
        case .siae:
            let official = context.properName ?? "Atelier \(place)"
            let convention = activity ?? "ACI"
            var variants: [(String, Double)] = [(official, 3), ("\(official) (\(convention))", 0.6), ("\(official) - \(place)", 0.8)]
            if !official.hasPrefix("Association") { variants.append(("Association \(official)", 0.4)) }
            variants.append((convention == "ACI" ? "\(official) - atelier chantier d'insertion" : "\(official) - \(convention)", 0.4))
            return variants
        case .chrs:
            let properName = context.properName ?? place
            return [
                ("CHRS \(properName)", 3), ("Centre d'hébergement et de réinsertion sociale \(properName)", 1.5),
                ("CHRS \(properName) - \(place)", 1), ("\(properName) (CHRS)", 0.5), ("Foyer \(properName)", 0.4),
            ]
        case .cmp:
            let sector = context.sector.map { " - secteur \($0)" } ?? ""
            if activity == "enfants" {
                return [
                    ("Centre médico-psychologique pour enfants et adolescents \(ofPlace)\(sector)", 1),
                    ("CMP enfants et adolescents \(ofPlace)\(sector)", 2), ("CMPEA \(place)\(sector)", 1),
                    ("CMP infanto-juvénile \(ofPlace)\(sector)", 1),
                ]
            }
            return [
                ("Centre médico-psychologique adultes \(ofPlace)\(sector)", 1), ("CMP adultes \(ofPlace)\(sector)", 2),
                ("Centre médico-psychologique \(ofPlace)\(sector)", 1.5), ("CMP \(place)\(sector)", 1),
            ]
        case .esat:
            let properName = context.properName ?? place
            return [
                ("ESAT \(properName)", 3), ("Établissement et service d'aide par le travail \(properName)", 1),
                ("ESAT \(properName) - \(place)", 1), ("ESAT \(ofPlace)", 0.6),
            ]
        case .mdph:
            let department = territory.departmentName
            return [
                ("Maison départementale des personnes handicapées - \(department)", 2), ("MDPH \(department)", 2),
                ("MDPH \(territory.departmentCode)", 0.7), ("MDPH - \(department)", 1),
            ]
        case .finessOutOfScope:
            let properName = context.properName ?? place
            return activity == "354"
                ? [("Service de soins infirmiers à domicile \(ofPlace)", 1)]
                : [("EHPAD \(properName)", 1)]
        }
    }
}
