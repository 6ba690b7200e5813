@auth @AUTH-03 @fast
Feature: Signing in with Google
  Customers sign in with their Google account: the platform sends them to the provider and back.
  A simulated provider makes the round trip without leaving the machine.

  Scenario: A customer signs in with Google and comes back signed in
    When Alice signs in with Google
    Then Alice comes back to the app signed in
    And the platform confirms that Alice's session is hers

  Scenario: A return from Google carrying a state the platform never issued is refused
    When Mallory comes back from Google with a state the platform never issued
    Then Mallory is refused because the sign-in state was not issued

  Scenario: A return from Google without an authorization code is refused
    When Mallory comes back from Google without an authorization code
    Then Mallory is refused because the authorization code is missing

  Scenario: Signing in with a provider the platform does not offer is refused
    When Mallory asks to sign in with Myspace
    Then Mallory is refused because the provider is unknown
