@security @SEC-03
Feature: Brute force under concurrency
  Guessing passwords in parallel gets no more guesses than guessing one at a time: five wrong
  passwords for an email lock its sign-in, however they arrive, until the window has passed.

  @fast
  Scenario: Wrong passwords sent all at once still lock the account after the fifth
    Given Alice is signed in
    When Mallory sends 20 wrong passwords for Alice all at once
    Then exactly 5 of Mallory's attempts were checked, and the other 15 refused because there were too many failed attempts
    When Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts

  @fast
  Scenario: The right password sent inside the burst is refused too
    Given Alice is signed in
    When Mallory sends 20 wrong passwords for Alice all at once, and Alice her right one while they are being checked
    Then Alice is refused because there were too many failed attempts

  @slow
  Scenario: The lockout after a burst lifts when stated
    Given sign-in lockouts last 2 seconds
    And Alice is signed in
    When Mallory sends 20 wrong passwords for Alice all at once
    And Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts
    When the lockout window has passed
    And she tries to sign in with her right password
    Then Alice is let in
