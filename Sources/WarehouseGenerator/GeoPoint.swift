import Foundation

/// A WGS84 point, and the small geometric moves the generator needs.
struct GeoPoint: Equatable {
    var latitude: Double
    var longitude: Double

    private static let metresPerDegreeOfLatitude = 111_320.0

    /// The point `metres` away in the direction `bearing` (radians from north);
    /// an equirectangular step, exact enough over a few kilometres.
    func moved(metres: Double, bearing: Double) -> GeoPoint {
        let north = metres * cos(bearing), east = metres * sin(bearing)
        let latitudeStep = north / GeoPoint.metresPerDegreeOfLatitude
        let longitudeStep = east / (GeoPoint.metresPerDegreeOfLatitude * cos(latitude * .pi / 180))
        return GeoPoint(latitude: latitude + latitudeStep, longitude: longitude + longitudeStep)
    }

    /// A point drawn uniformly in the disc of `radius` metres around this one.
    func randomPoint(within radius: Double, using random: inout SeededRandom) -> GeoPoint {
        moved(metres: radius * random.unit().squareRoot(), bearing: random.uniform(0, 2 * .pi))
    }

    /// Lambert 93 (RGF93, EPSG:2154), the projection FINESS publishes its
    /// coordinates in; the GRS80 ellipsoid formulas of IGN's note NTG 71.
    var lambert93: (x: Double, y: Double) {
        let eccentricity = 0.081_819_191_042_815_79
        let n = 0.725_607_765_053_267_1, c = 11_754_255.426_096, xs = 700_000.0, ys = 12_655_612.049_876
        let phi = latitude * Double.pi / 180, lambda = longitude * Double.pi / 180, lambda0 = 3 * Double.pi / 180
        let sinPhi = sin(phi)
        let isometricLatitude = log(tan(Double.pi / 4 + phi / 2) * pow((1 - eccentricity * sinPhi) / (1 + eccentricity * sinPhi), eccentricity / 2))
        let radius = c * exp(-n * isometricLatitude)
        let gamma = n * (lambda - lambda0)
        return (xs + radius * sin(gamma), ys - radius * cos(gamma))
    }
}
