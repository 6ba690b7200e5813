@auth @AUTH-03 @fast
Feature: Signing in with Google
  Customers sign in with their Google account: the platform sends them to the provider and back.
  A simulated provider makes the round trip without leaving the machine.

  Scenario: A customer signs in with Google and comes back signed in
    When Alice signs in with Google
    Then Alice comes back to the app signed in
    And the platform confirms that Alice's session is hers

  Scenario: A customer who signs in with Google again comes back to the same account
    When Alice signs in with Google
    And she signs in with Google again
    Then Alice comes back to the app signed in
    And she is back in the same account

  Scenario: An account made by signing in with Google cannot be entered with a password
    When Alice signs in with Google
    And Mallory tries to sign in as Alice with a password of his own
    Then Mallory is refused because the email or password is wrong

  Scenario: A return from Google carrying a state the platform never issued is refused
    When Mallory comes back from Google with a state the platform never issued
    Then Mallory is refused because the sign-in state was not issued

  Scenario: A return from Google works once: replayed, it is refused
    When Alice signs in with Google
    And Mallory replays Alice's return from Google
    Then Mallory is refused because the sign-in state was not issued

  Scenario: A sign-in's state works once: a fresh code with a used state is refused
    When Alice signs in with Google
    And Mallory comes back from Google with a fresh code for Alice's already used sign-in
    Then Mallory is refused because the sign-in state was not issued

  Scenario: An authorization code works once: used again in another sign-in, it is refused
    When Alice signs in with Google
    And Mallory comes back from Google with Alice's already used code, in a sign-in of his own
    Then Mallory is refused because the authorization code is unknown

  Scenario: A return from Google without an authorization code is refused
    When Mallory comes back from Google without an authorization code
    Then Mallory is refused because the authorization code is missing

  Scenario: A return from Google with an authorization code Google never gave is refused
    When Mallory comes back from Google with the platform's state but an authorization code Google never gave
    Then Mallory is refused because the authorization code is unknown

  Scenario: Signing in with a provider the platform does not offer is refused
    When Mallory asks to sign in with Myspace
    Then Mallory is refused because the provider is unknown
