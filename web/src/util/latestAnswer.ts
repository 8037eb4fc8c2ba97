// Answers that come back out of order. A filter changed twice quickly sends two
// requests; on a loaded server the first may answer last and would show the
// data of a choice the user already left (the municipality list under the
// organisations' heading, last period's numbers under this period). Each load
// asks for a ticket before its request and keeps its answer only while the
// ticket is still the newest.
export function latestAnswer() {
  let newest = 0
  return function ticket() {
    const mine = ++newest
    return () => mine === newest
  }
}
