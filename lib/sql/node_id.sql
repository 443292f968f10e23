CASE :level WHEN '3' THEN l.unit_id WHEN '2' THEN l.l2_id
      WHEN '1' THEN l.assignment_id WHEN 'committee' THEN l.committee_id
      ELSE 0 END
