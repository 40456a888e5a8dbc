import OknoDomain
import Testing

@Suite("INN")
struct INNTests {
    @Test(
        "10-digit organisation INNs with a correct check digit are valid",
        arguments: [
            "7707083893", "7736207543", "7830002293",
            // The weighted sum is 10 mod 11, so the check digit is 0.
            "7707083830",
        ])
    func validLegalEntity(inn: String) {
        #expect(INN.isValidLegalEntity(inn))
        #expect(!INN.isValidIndividual(inn))
        #expect(INN.isValid(inn))
    }

    @Test(
        "organisation INNs with a wrong check digit or form are invalid",
        arguments: [
            "7707083894", "7707083890", "770708389", "77070838930", "7707O83893", "7707 83893", "+707083893",
            "", "７７０７０８３８９３",
        ])
    func invalidLegalEntity(inn: String) {
        #expect(!INN.isValidLegalEntity(inn))
    }

    @Test(
        "12-digit individual INNs with both check digits correct are valid",
        arguments: [
            "500100732259", "123456789047",
        ])
    func validIndividual(inn: String) {
        #expect(INN.isValidIndividual(inn))
        #expect(!INN.isValidLegalEntity(inn))
        #expect(INN.isValid(inn))
    }

    @Test(
        "individual INNs with either check digit wrong are invalid",
        arguments: [
            "500100732258", "500100732249", "773402195410", "50010073225", "5001007322590",
        ])
    func invalidIndividual(inn: String) {
        #expect(!INN.isValidIndividual(inn))
        #expect(!INN.isValid(inn))
    }
}
