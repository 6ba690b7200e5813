@auth @AUTH-08
Feature: Credential errors
  Sign-up explains what is wrong with the details given. Sign-in never reveals whether an
  email has an account, and repeated failures lock that email's sign-in for a while.

  @fast
  Scenario: An email address can be registered only once
    Given Alice is signed in
    When Mallory signs up with Alice's email address
    Then Mallory is refused because the email is already registered

  @fast
  Scenario Outline: A sign-up with <problem> is refused with an explanation
    When Mallory signs up with <problem>
    Then Mallory is refused because the details are invalid

    Examples:
      | problem                    |
      | a malformed email address  |
      | a password of 7 characters |
      | no password                |
      | no email address           |

  @fast
  Scenario Outline: A sign-in with <problem> is refused with an explanation
    When Mallory signs in with <problem>
    Then Mallory is refused because the details are invalid

    Examples:
      | problem          |
      | no password      |
      | no email address |

  @fast
  Scenario: A password of exactly 8 characters is long enough
    When Alice signs up with a password of 8 characters
    Then Alice is let in

  @fast
  Scenario: A failed sign-in does not reveal whether the email has an account
    Given passwords are checked as slowly as in production
    And Alice is signed in
    When Mallory tries 4 times to sign in as Alice with a wrong password, each time followed by an email nobody has
    Then Mallory's failed sign-ins are all refused in exactly the same words
    And a sign-in with an unknown email is refused about as fast as one with a wrong password

  @fast
  Scenario: After five failed sign-ins even the right password is refused for a while, and only for that email
    Given Alice is signed in
    And Bob is signed in
    When Mallory tries 5 times to sign in as Alice with a wrong password
    And Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts
    When Bob tries to sign in with his right password
    Then Bob is let in

  @fast
  Scenario Outline: A locked-out customer is told to wait <wait>, the length of the lockout
    Given sign-in lockouts last <seconds> seconds
    And Alice is signed in
    When Mallory tries 5 times to sign in as Alice with a wrong password
    And Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts, and told to wait <wait>

    Examples:
      | seconds | wait       |
      |     900 | 15 minutes |
      |      60 |   1 minute |
      |      90 | 90 seconds |

  @fast
  Scenario: Four failed sign-ins leave the right password working, and it clears the count
    Given Alice is signed in
    When Mallory tries 4 times to sign in as Alice with a wrong password
    And Alice tries to sign in with her right password
    Then Alice is let in
    When Mallory tries 4 times to sign in as Alice with a wrong password
    And Alice tries to sign in with her right password
    Then Alice is let in

  @slow
  Scenario: The lockout lifts once its window has passed
    Given sign-in lockouts last 2 seconds
    And Alice is signed in
    When Mallory tries 5 times to sign in as Alice with a wrong password
    And Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts
    When the lockout window has passed
    And she tries to sign in with her right password
    Then Alice is let in

  @fast
  Scenario: An email address is the same whatever its letter case
    Given Alice is signed in
    When Alice signs in with her email address in capitals and her password
    Then Alice is let in
    When Mallory signs up with Alice's email address in capitals
    Then Mallory is refused because the email is already registered
    When Mallory tries 5 times to sign in as Alice with a wrong password, writing her email address in capitals
    And Alice tries to sign in with her right password
    Then Alice is refused because there were too many failed attempts
